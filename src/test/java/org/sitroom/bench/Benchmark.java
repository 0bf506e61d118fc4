package org.sitroom.bench;

import java.util.Map;

/** One benchmark: runs once, returns its figures (measured in the same run, so ratios are fair). */
public interface Benchmark {

    /** The name used with {@code -Dbench=NAME}. */
    String name();

    /** Runs and returns figures by key, in the order they should print. */
    Map<String, Object> run() throws Exception;
}
