package electra.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import com.google.gson.JsonObject;

import electra.checkpoint.Checkpoint;
import electra.config.ElectraConfig;
import electra.model.ElectraPretrainingModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small models, checkpoints and a toy task for the fine-tuning and conversion tests. */
final class Fixtures {
    private Fixtures() {}

    /** 64 entries: 0 pad, 1 unk, 2 cls, 3 sep, 4 mask; words 5..63. */
    static final int CLS = 2;
    static final int SEP = 3;

    /** Embedding 16 != hidden 32 (so embeddings_project exists), 2 layers, generator 1/2, no dropout. */
    static ElectraConfig micro() {
        return new ElectraConfig("micro", 64, 16, 32, 2, 2, 64, 32, 2, 0f, 0f, 0.5, true, false);
    }

    static ElectraPretrainingModel pretrainingModel(ElectraConfig c, int seed) {
        return ElectraPretrainingModel.create(c, ElectraPretrainingModel.Parts.ELECTRA, Device.cpu(), seed);
    }

    /** Writes {@code model} as PretrainRun writes {@code model.electra}: config and tokenizer in the header. */
    static Path writeCheckpoint(ElectraPretrainingModel model, Path dir, String objective) throws IOException {
        JsonObject h = new JsonObject();
        h.addProperty("format", 1);
        h.add("config", Checkpoint.gson().toJsonTree(model.config()));
        h.addProperty("objective", objective);
        h.addProperty("tokenizer", "toy-tokenizer");
        h.addProperty("step", 0);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Checkpoint.addParameters(arrays, "model", model.namedParameters());
        Path file = dir.resolve("model" + Checkpoint.SUFFIX);
        Checkpoint.write(file, h, arrays);
        return file;
    }

    /** Words are decimal ids separated by spaces; pairs get segment 1 for b and its [SEP]. */
    static final TextEncoder TOY_ENCODER = new TextEncoder() {
        @Override
        public PackedIds encode(String a, String b, int maxLength) {
            List<Integer> ids = new ArrayList<>();
            List<Integer> segs = new ArrayList<>();
            ids.add(CLS);
            segs.add(0);
            for (String w : a.trim().split("\\s+")) {
                ids.add(Integer.parseInt(w));
                segs.add(0);
            }
            ids.add(SEP);
            segs.add(0);
            if (b != null) {
                for (String w : b.trim().split("\\s+")) {
                    ids.add(Integer.parseInt(w));
                    segs.add(1);
                }
                ids.add(SEP);
                segs.add(1);
            }
            int n = Math.min(maxLength, ids.size());
            return new PackedIds(ids.subList(0, n).stream().mapToInt(Integer::intValue).toArray(),
                    segs.subList(0, n).stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        public String token(int id) {
            return id == CLS ? "[CLS]" : id == SEP ? "[SEP]" : "w" + id;
        }
    };

    /** Random words in [6, 64) of length [minLen, maxLen]; word 5 never appears unless put there. */
    static int[] words(SplittableRandom r, int minLen, int maxLen) {
        int n = minLen + r.nextInt(maxLen - minLen + 1);
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = 6 + r.nextInt(58);
        }
        return w;
    }

    static String text(int[] words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(w);
        }
        return sb.toString();
    }

    /** Label 1 iff the marker word 5 occurs in the sentence (half the examples, at a random position). */
    static List<LabeledText> markerTask(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] w = words(r, 4, 12);
            int label = r.nextInt(2);
            if (label == 1) {
                w[r.nextInt(w.length)] = 5;
            }
            out.add(new LabeledText(text(w), null, label));
        }
        return out;
    }

    /** Sentence pairs; label 1 iff the marker word 5 is in the second sentence (it is always in one of them). */
    static List<LabeledText> pairTask(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] a = words(r, 3, 6);
            int[] b = words(r, 3, 6);
            int label = r.nextInt(2);
            int[] target = label == 1 ? b : a;
            target[r.nextInt(target.length)] = 5;
            out.add(new LabeledText(text(a), text(b), label));
        }
        return out;
    }
}
