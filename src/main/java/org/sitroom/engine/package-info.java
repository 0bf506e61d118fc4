/** Small public API of the engine: embed, index, search, cluster, assign; implementation in engine.internal. */
package org.sitroom.engine;
