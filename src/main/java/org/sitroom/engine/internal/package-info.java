/** Engine internals (ONNX Runtime, Lucene, clustering); nothing outside the engine may touch this package. */
package org.sitroom.engine.internal;
