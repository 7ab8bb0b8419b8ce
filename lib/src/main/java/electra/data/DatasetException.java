package electra.data;

/**
 * A one-line, user-facing problem with data: a missing or malformed input file, a data set that
 * cannot be fetched, a checksum that does not match. The message names the file (and line) or
 * the data set; callers print it without a stack trace (the CLI exits with code 2).
 */
public class DatasetException extends IllegalArgumentException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
