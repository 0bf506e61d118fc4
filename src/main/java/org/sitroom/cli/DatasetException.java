package org.sitroom.cli;

/** A data set that cannot be evaluated as given; the message says what is wrong and where, for the user to fix. */
public final class DatasetException extends Exception {

    public DatasetException(String message) {
        super(message);
    }
}
