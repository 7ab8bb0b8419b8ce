package electra.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Model sizes from a JSON file ({@code pretrain --config FILE}): an object with any of
 * {@link ElectraConfig}'s field names, e.g. {@code {"hiddenSize": 64, "numAttentionHeads": 2}},
 * overriding a preset. Fields left out keep the preset's values; {@code preset} names the result
 * (default {@code custom}). Every mistake is an {@link IllegalArgumentException} of one line
 * naming the file and the field.
 */
public final class ConfigFile {
    private ConfigFile() {}

    /** The field names a file may set, in the record's order. */
    public static List<String> fieldNames() {
        return Arrays.stream(ElectraConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** Reads {@code file} as a JSON object; errors name the file. */
    public static JsonObject readObject(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + (Files.isDirectory(file) ? "a directory" : e.getMessage()) + ")");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            String m = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(file + ": not valid JSON (" + firstLine(m) + ")");
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object such as {\"hiddenSize\": 64}, found "
                    + (root.isJsonNull() ? "nothing" : root.isJsonArray() ? "an array" : "a single value"));
        }
        return root.getAsJsonObject();
    }

    /** {@code base} with the fields of {@code file} replaced. */
    public static ElectraConfig read(Path file, ElectraConfig base) {
        return apply(readObject(file), base, file.toString());
    }

    /** {@code base} with the fields of {@code json} replaced; {@code source} names it in errors. */
    public static ElectraConfig apply(JsonObject json, ElectraConfig base, String source) {
        RecordComponent[] components = ElectraConfig.class.getRecordComponents();
        List<String> names = fieldNames();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(base);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        values[names.indexOf("preset")] = "custom";
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException(source + ": unknown field '" + e.getKey() + "' (known: "
                        + String.join(", ", names) + ")");
            }
            values[i] = value(e.getValue(), components[i].getType(), source + ": " + e.getKey());
        }
        try {
            Constructor<ElectraConfig> c = ElectraConfig.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return c.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(source + ": " + iae.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(JsonElement v, Class<?> type, String what) {
        JsonPrimitive p = v.isJsonPrimitive() ? v.getAsJsonPrimitive() : null;
        if (type == String.class) {
            if (p == null || !p.isString()) {
                throw new IllegalArgumentException(what + ": expected a string, found " + v);
            }
            return p.getAsString();
        }
        if (type == boolean.class) {
            if (p == null || !p.isBoolean()) {
                throw new IllegalArgumentException(what + ": expected true or false, found " + v);
            }
            return p.getAsBoolean();
        }
        if (p == null || !p.isNumber()) {
            throw new IllegalArgumentException(what + ": expected a number, found " + v);
        }
        BigDecimal d;
        try {
            d = p.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": expected a number, found " + v);
        }
        if (type == int.class) {
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + ": expected a whole number, found " + v);
            }
        }
        if (type == float.class) {
            return d.floatValue();
        }
        if (type == double.class) {
            return d.doubleValue();
        }
        throw new IllegalStateException("field type " + type);
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "syntax error";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
