package org.sitroom.ingest.format;

/** What reading one record gave: a post, or a quarantined record. */
public sealed interface Outcome {

    /** A record read into a post. */
    record Accepted(IncomingPost post) implements Outcome {
    }

    /** A record kept aside with its reason. */
    record Rejected(Quarantined quarantined) implements Outcome {
    }
}
