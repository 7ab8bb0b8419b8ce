package electra.data;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains a WordPiece vocabulary (the Hugging Face tokenizers binding cannot train).
 *
 * <p>Both variants follow the recipe of the Hugging Face NLP course (chapter 6, "WordPiece
 * tokenization"):
 * <ol>
 *   <li>Words are counted after {@link WordPiece#normalize} and {@link WordPiece#preTokenize},
 *       kept in order of first appearance.</li>
 *   <li>The alphabet is every first character of a word and every later character with the
 *       {@code ##} prefix, sorted by code point; the vocabulary starts as the five special
 *       tokens ([PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4) followed by the alphabet.</li>
 *   <li>Each word is split into its characters; then, until the vocabulary has the requested
 *       size, the adjacent pair (a, b) with the highest score is merged everywhere, left to right.
 *       The merged piece is a + b without b's {@code ##}. Frequencies are counts of the current
 *       pieces weighted by word frequency; among equal scores the pair that occurs first wins
 *       (first word containing it, then leftmost position), as the course's dictionary order.</li>
 * </ol>
 * The score is one of
 * <ul>
 *   <li>{@link Score#RATIO}: freq(ab) / (freq(a) x freq(b)), the course's formula, reproduced
 *       exactly (ties included). It favours pairs of rare pieces: on the 3-million-word pretrain
 *       corpus an 8k vocabulary spends its merges on rare words and needs about 4 pieces per
 *       word;</li>
 *   <li>{@link Score#LIKELIHOOD}: the gain in log-likelihood of the corpus under a unigram model
 *       of the pieces when (a, b) is merged (Schuster and Nakajima's criterion, the one BERT's
 *       paper cites): with k = freq(ab), N the number of pieces and L(f) = f ln f,
 *       L(freq(a) - k) - L(freq(a)) + L(freq(b) - k) - L(freq(b)) + L(k) - L(N - k) + L(N).
 *       It weighs association by frequency and gives a usable 8k vocabulary (the catalog's
 *       {@code wordpiece-8k}).</li>
 * </ul>
 * Google never published BERT's WordPiece trainer; the Hugging Face tokenizers library's own
 * {@code WordPieceTrainer} is a BPE trainer (merges by raw pair frequency) with the {@code ##}
 * prefix, so its vocabularies differ from both. Encoding is the same greedy longest match.
 *
 * <p>Pair statistics are updated incrementally and the best pair comes from a priority queue
 * (for LIKELIHOOD with lazy re-evaluation: N only shrinks, so a stored score is an upper bound),
 * so training 8k pieces on a few million words takes seconds, not hours.
 */
public final class WordPieceTrainer {

    public static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    /** How a candidate merge is scored. */
    public enum Score {
        /** freq(ab) / (freq(a) freq(b)): the Hugging Face course's formula. */
        RATIO,
        /** Gain in unigram log-likelihood of the corpus (Schuster and Nakajima 2012). */
        LIKELIHOOD
    }

    private final Score score;

    public WordPieceTrainer(Score score) {
        this.score = score;
    }

    public Score score() {
        return score;
    }

    /** Code-point order, as Python sorts strings. */
    static final Comparator<String> CODE_POINT_ORDER = (x, y) -> Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());

    private final Map<String, long[]> wordCounts = new LinkedHashMap<>();

    /** Counts the words of one text (a sentence, a paragraph). */
    public WordPieceTrainer addText(String text) {
        for (String w : WordPiece.words(text)) {
            addWord(w, 1);
        }
        return this;
    }

    /** Adds {@code freq} occurrences of an already normalised, pre-tokenised word. */
    public WordPieceTrainer addWord(String word, long freq) {
        if (!word.isEmpty()) {
            wordCounts.computeIfAbsent(word, k -> new long[1])[0] += freq;
        }
        return this;
    }

    public int distinctWords() {
        return wordCounts.size();
    }

    /** The vocabulary in id order: specials, alphabet, then merges, until {@code vocabSize} or no pair is left. */
    public List<String> train(int vocabSize) {
        return new Run(vocabSize).train();
    }

    /** Writes a {@code tokenizer.json} the Hugging Face tokenizers library loads (uncased BERT pipeline). */
    public static void writeTokenizerJson(List<String> vocab, Path out) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            if (ids.put(vocab.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary entry " + vocab.get(i));
            }
        }
        for (String s : SPECIALS) {
            if (!ids.containsKey(s)) {
                throw new IllegalArgumentException("the vocabulary lacks " + s);
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        for (String s : SPECIALS) {
            JsonObject t = new JsonObject();
            t.addProperty("id", ids.get(s));
            t.addProperty("content", s);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars", true);
        normalizer.add("strip_accents", JsonNull.INSTANCE);
        normalizer.addProperty("lowercase", true);
        root.add("normalizer", normalizer);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "BertPreTokenizer");
        root.add("pre_tokenizer", pre);
        root.add("post_processor", templateProcessing(ids.get("[CLS]"), ids.get("[SEP]")));
        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", WordPiece.CONTINUING_PREFIX);
        decoder.addProperty("cleanup", true);
        root.add("decoder", decoder);
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", "[UNK]");
        model.addProperty("continuing_subword_prefix", WordPiece.CONTINUING_PREFIX);
        model.addProperty("max_input_chars_per_word", WordPiece.MAX_INPUT_CHARS_PER_WORD);
        JsonObject v = new JsonObject();
        ids.forEach(v::addProperty);
        model.add("vocab", v);
        root.add("model", model);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject templateProcessing(int cls, int sep) {
        JsonObject pp = new JsonObject();
        pp.addProperty("type", "TemplateProcessing");
        pp.add("single", template(false));
        pp.add("pair", template(true));
        JsonObject specials = new JsonObject();
        specials.add("[CLS]", special("[CLS]", cls));
        specials.add("[SEP]", special("[SEP]", sep));
        pp.add("special_tokens", specials);
        return pp;
    }

    private static JsonArray template(boolean pair) {
        JsonArray a = new JsonArray();
        a.add(piece("SpecialToken", "[CLS]", 0));
        a.add(piece("Sequence", "A", 0));
        a.add(piece("SpecialToken", "[SEP]", 0));
        if (pair) {
            a.add(piece("Sequence", "B", 1));
            a.add(piece("SpecialToken", "[SEP]", 1));
        }
        return a;
    }

    private static JsonObject piece(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject o = new JsonObject();
        o.add(kind, inner);
        return o;
    }

    private static JsonObject special(String token, int id) {
        JsonObject o = new JsonObject();
        o.addProperty("id", token);
        JsonArray ids = new JsonArray();
        ids.add(id);
        o.add("ids", ids);
        JsonArray toks = new JsonArray();
        toks.add(token);
        o.add("tokens", toks);
        return o;
    }

    // ---- training state -------------------------------------------------------------------------

    /** A candidate merge: the pair's statistics, the words holding it, a version to spot stale heap entries. */
    private static final class Pair {
        final int a;
        final int b;
        long freq;
        final TreeSet<Integer> words = new TreeSet<>();
        int version;

        Pair(int a, int b) {
            this.a = a;
            this.b = b;
        }
    }

    /** A heap entry: higher score first, then earlier first occurrence. */
    private record Candidate(double score, int firstWord, int firstPos, long key, int version) {}

    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparingDouble(Candidate::score).reversed()
            .thenComparingInt(Candidate::firstWord)
            .thenComparingInt(Candidate::firstPos);

    private final class Run {
        final int target;
        final List<String> tokens = new ArrayList<>();
        final Map<String, Integer> tokenIds = new HashMap<>();
        long[] tokenFreq = new long[1024];
        final List<Set<Long>> tokenPairs = new ArrayList<>();
        final int[][] splits;
        final long[] freqs;
        final Map<Long, Pair> pairs = new HashMap<>();
        final PriorityQueue<Candidate> heap = new PriorityQueue<>(BEST_FIRST);
        long totalPieces;

        Run(int target) {
            this.target = target;
            int n = wordCounts.size();
            splits = new int[n][];
            freqs = new long[n];
            for (String s : SPECIALS) {
                intern(s);
            }
            TreeSet<String> alphabet = new TreeSet<>(CODE_POINT_ORDER);
            for (String w : wordCounts.keySet()) {
                int[] cps = w.codePoints().toArray();
                for (int i = 0; i < cps.length; i++) {
                    alphabet.add(symbol(cps[i], i > 0));
                }
            }
            alphabet.forEach(this::intern);
            int wi = 0;
            for (Map.Entry<String, long[]> e : wordCounts.entrySet()) {
                int[] cps = e.getKey().codePoints().toArray();
                int[] split = new int[cps.length];
                for (int i = 0; i < cps.length; i++) {
                    split[i] = tokenIds.get(symbol(cps[i], i > 0));
                }
                splits[wi] = split;
                freqs[wi] = e.getValue()[0];
                wi++;
            }
            for (int w = 0; w < n; w++) {
                for (int t : splits[w]) {
                    tokenFreq[t] += freqs[w];
                }
                totalPieces += (long) splits[w].length * freqs[w];
                addPairs(w, null);
            }
            for (Pair p : pairs.values()) {
                push(p);
            }
        }

        List<String> train() {
            while (tokens.size() < target) {
                Candidate c = heap.poll();
                if (c == null) {
                    break;
                }
                Pair p = pairs.get(c.key());
                if (p == null || p.version != c.version()) {
                    continue;
                }
                if (score == Score.LIKELIHOOD) {
                    Candidate now = candidate(p);
                    Candidate next = heap.peek();
                    if (now.score() < c.score() && next != null && BEST_FIRST.compare(next, now) < 0) {
                        heap.add(now);
                        continue;
                    }
                }
                merge(p);
                if (heap.size() > 4 * pairs.size() + 1_000_000) {
                    heap.clear();
                    for (Pair q : pairs.values()) {
                        push(q);
                    }
                }
            }
            return List.copyOf(tokens);
        }

        private void merge(Pair p) {
            String bs = tokens.get(p.b);
            String merged = tokens.get(p.a) + (bs.startsWith(WordPiece.CONTINUING_PREFIX) ? bs.substring(2) : bs);
            int c = intern(merged);
            Set<Long> dirty = new HashSet<>();
            for (int w : p.words.toArray(new Integer[0])) {
                int[] old = splits[w];
                long f = freqs[w];
                for (int i = 0; i + 1 < old.length; i++) {
                    Pair q = pairs.get(key(old[i], old[i + 1]));
                    q.freq -= f;
                    q.words.remove(w);
                    dirty.add(key(old[i], old[i + 1]));
                }
                int[] next = new int[old.length];
                int len = 0;
                for (int i = 0; i < old.length; ) {
                    if (i + 1 < old.length && old[i] == p.a && old[i + 1] == p.b) {
                        next[len++] = c;
                        i += 2;
                    } else {
                        next[len++] = old[i++];
                    }
                }
                next = Arrays.copyOf(next, len);
                for (int t : old) {
                    tokenFreq[t] -= f;
                }
                for (int t : next) {
                    tokenFreq[t] += f;
                }
                totalPieces -= (long) (old.length - next.length) * f;
                splits[w] = next;
                addPairs(w, dirty);
            }
            dirty.addAll(tokenPairs.get(p.a));
            dirty.addAll(tokenPairs.get(p.b));
            dirty.addAll(tokenPairs.get(c));
            for (long k : dirty) {
                Pair q = pairs.get(k);
                if (q == null) {
                    continue;
                }
                if (q.freq <= 0) {
                    pairs.remove(k);
                    tokenPairs.get(q.a).remove(k);
                    tokenPairs.get(q.b).remove(k);
                    q.version++;
                } else {
                    push(q);
                }
            }
        }

        private void addPairs(int w, Set<Long> dirty) {
            int[] s = splits[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long k = key(s[i], s[i + 1]);
                Pair q = pairs.get(k);
                if (q == null) {
                    q = new Pair(s[i], s[i + 1]);
                    pairs.put(k, q);
                    tokenPairs.get(q.a).add(k);
                    tokenPairs.get(q.b).add(k);
                }
                q.freq += freqs[w];
                q.words.add(w);
                if (dirty != null) {
                    dirty.add(k);
                }
            }
        }

        private void push(Pair p) {
            p.version++;
            heap.add(candidate(p));
        }

        /** The pair's current score and first occurrence, stamped with its current version. */
        private Candidate candidate(Pair p) {
            int w = p.words.first();
            int[] s = splits[w];
            int pos = 0;
            while (!(s[pos] == p.a && s[pos + 1] == p.b)) {
                pos++;
            }
            double value = score == Score.RATIO
                    ? (double) p.freq / (double) (tokenFreq[p.a] * tokenFreq[p.b])
                    : likelihoodGain(tokenFreq[p.a], tokenFreq[p.b], p.a == p.b, p.freq, totalPieces);
            return new Candidate(value, w, pos, key(p.a, p.b), p.version);
        }

        private int intern(String token) {
            Integer id = tokenIds.get(token);
            if (id != null) {
                return id;
            }
            int nid = tokens.size();
            tokens.add(token);
            tokenIds.put(token, nid);
            tokenPairs.add(new HashSet<>());
            if (nid >= tokenFreq.length) {
                tokenFreq = Arrays.copyOf(tokenFreq, tokenFreq.length * 2);
            }
            return nid;
        }
    }

    /**
     * Change of sum f ln(f / N) over all pieces when k pairs (a, b) become one piece: a and b lose
     * k occurrences each (2k if a = b, floored at 0), the new piece has k, N drops by k.
     */
    static double likelihoodGain(long fa, long fb, boolean same, long k, long n) {
        double gain = same ? xlogxDrop(fa, Math.min(fa, 2 * k)) : xlogxDrop(fa, k) + xlogxDrop(fb, k);
        return gain + k * Math.log(k) - xlogxDrop(n, k);
    }

    /** (f - k) ln(f - k) - f ln f, computed without cancellation. */
    static double xlogxDrop(long f, long k) {
        if (k == 0) {
            return 0;
        }
        if (k >= f) {
            return -f * Math.log(f);
        }
        return -k * Math.log(f - k) - f * Math.log1p((double) k / (f - k));
    }

    private static String symbol(int codePoint, boolean continuing) {
        String s = new String(Character.toChars(codePoint));
        return continuing ? WordPiece.CONTINUING_PREFIX + s : s;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }
}
