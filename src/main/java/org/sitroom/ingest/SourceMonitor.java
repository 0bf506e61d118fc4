package org.sitroom.ingest;

import java.util.List;

/** Health of the sources of a situation, for the overview and the Sources view. */
public interface SourceMonitor {

    List<SourceHealth> health(String situationId);
}
