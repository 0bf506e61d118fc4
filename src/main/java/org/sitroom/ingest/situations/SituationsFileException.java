package org.sitroom.ingest.situations;

/** config/situations.yml is wrong; the message names the file and line. Stops the start. */
public class SituationsFileException extends RuntimeException {

    public SituationsFileException(String message) {
        super(message);
    }
}
