package electra.cli;

import com.google.gson.JsonObject;

import electra.data.Catalog;
import electra.data.ClassificationTask;
import electra.data.DataSets;
import electra.data.Document;
import electra.data.ElectraTokenizer;
import electra.data.Example;
import electra.data.PretrainingCorpus;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code data list} and {@code data prepare [NAME...]}: the data sets of {@code datasets/catalog.json}.
 * User mistakes (an unknown name, a data set that cannot be fetched) are
 * {@link IllegalArgumentException}s with a one-line message.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List, fetch and prepare the data sets (corpora, tasks, tokenizers).",
        subcommands = {DataCommand.ListCommand.class, DataCommand.PrepareCommand.class, DataCommand.StatsCommand.class})
public class DataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** One line per data set: name, kind, source, licence, cache state. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per data set: name, kind, source, licence, cached or not.")
    static class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Catalog catalog = DataSets.catalog();
            int w = catalog.names().stream().mapToInt(String::length).max().orElse(4);
            for (Catalog.Entry e : catalog.datasets()) {
                out.printf("%-" + w + "s  %-14s  %-10s  %s  [%s]  %s%n", e.name(), e.kind(), DataSets.status(e.name()),
                        e.source().describe(), e.license(), e.source().isOnline() ? "(online only)" : "");
            }
            out.flush();
            return 0;
        }
    }

    /** Fetches, verifies and builds; prints one JSON object per data set. */
    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Fetch, verify and build data sets, then print one JSON line per data set. "
                    + "Without names: every data set that works offline.")
    static class PrepareCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "data set names (see 'data list')")
        List<String> names = new ArrayList<>();

        @Option(names = "--all", description = "also the online-only data sets")
        boolean all;

        @Override
        public Integer call() {
            Catalog catalog = DataSets.catalog();
            List<String> todo = new ArrayList<>(names);
            if (todo.isEmpty()) {
                for (Catalog.Entry e : catalog.datasets()) {
                    if (all || !e.source().isOnline()) {
                        todo.add(e.name());
                    }
                }
            }
            for (String n : todo) {
                catalog.get(n);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String n : todo) {
                JsonObject o = DataSets.prepare(n);
                out.println(DataSets.toJson(o));
                out.flush();
            }
            return 0;
        }
    }

    /** Word pieces and [UNK] rate of tasks and corpora under one or more tokenizers. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Word pieces per word and [UNK] rate of tasks and corpora under tokenizers; one JSON line each.")
    static class StatsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "tasks or corpora: catalog names or paths")
        List<String> names = new ArrayList<>();

        @Option(names = "--tokenizer", paramLabel = "T", description = "catalog name or tokenizer.json (repeatable; default bert-uncased and wordpiece-8k)")
        List<String> tokenizers = new ArrayList<>();

        @Override
        public Integer call() {
            if (tokenizers.isEmpty()) {
                tokenizers = List.of("bert-uncased", "wordpiece-8k");
            }
            Catalog catalog = DataSets.catalog();
            PrintWriter out = spec.commandLine().getOut();
            for (String n : names) {
                List<String> texts = new ArrayList<>();
                boolean isCorpus = catalog.has(n) ? catalog.get(n).isCorpus() : n.endsWith(".txt");
                if (isCorpus) {
                    for (Document d : PretrainingCorpus.load(n).documents()) {
                        texts.addAll(d.sentences());
                    }
                } else {
                    ClassificationTask t = ClassificationTask.load(n);
                    for (List<Example> part : List.of(t.train(), t.dev())) {
                        for (Example e : part) {
                            texts.add(e.textA());
                            if (e.textB() != null) {
                                texts.add(e.textB());
                            }
                        }
                    }
                }
                long words = 0;
                for (String s : texts) {
                    words += Document.countWords(s);
                }
                for (String tn : tokenizers) {
                    try (ElectraTokenizer tok = ElectraTokenizer.forName(tn)) {
                        long pieces = 0;
                        long unk = 0;
                        for (int[] ids : tok.encodeAll(texts)) {
                            pieces += ids.length;
                            for (int id : ids) {
                                if (id == tok.specials().unk()) {
                                    unk++;
                                }
                            }
                        }
                        JsonObject o = new JsonObject();
                        o.addProperty("name", n);
                        o.addProperty("tokenizer", tn);
                        o.addProperty("texts", texts.size());
                        o.addProperty("words", words);
                        o.addProperty("pieces", pieces);
                        o.addProperty("pieces_per_word", Math.round(1000.0 * pieces / Math.max(1, words)) / 1000.0);
                        o.addProperty("unk", unk);
                        o.addProperty("unk_rate", Math.round(1e6 * unk / Math.max(1, pieces)) / 1e6);
                        out.println(DataSets.toJson(o));
                        out.flush();
                    }
                }
            }
            return 0;
        }
    }

    /** Runs the command on its own: {@code java electra.cli.DataCommand prepare}. Exit code 2 for user mistakes. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        System.exit(cl.execute(args));
    }
}
