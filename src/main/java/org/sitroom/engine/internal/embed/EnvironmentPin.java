package org.sitroom.engine.internal.embed;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ONNX Runtime's native environment alive until the process ends.
 *
 * <p>Why: the Java binding registers a JVM shutdown hook that releases the native environment (its logging sink,
 * allocators) and JVM shutdown hooks run concurrently, so the environment can go while an embedding worker is still
 * inside {@code session.run} or while our own hook is closing sessions (microsoft/onnxruntime#31352). CI's Surefire
 * fork died that way after all its tests had passed: SIGSEGV in a log call through the freed sink, then "Aborted".
 *
 * <p>How: the native environment is reference-counted and {@code CreateEnv} on an existing one only adds a
 * reference, so one extra {@code CreateEnv} through ORT's stable C API (OrtGetApiBase, GetApi, CreateEnv, the 4th
 * entry of {@code OrtApi}) leaves the Java hook's release at a count of one. The environment is a singleton that
 * lives for the process anyway; the operating system reclaims it at exit.
 */
final class EnvironmentPin {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentPin.class);

    /** {@code OrtApi::CreateEnv}'s index in the function table; fixed by ORT's ABI guarantee since version 1. */
    private static final int CREATE_ENV_INDEX = 3;
    /** {@code ORT_LOGGING_LEVEL_WARNING}; ignored when the environment already exists, as it does here. */
    private static final int LOGGING_LEVEL_WARNING = 2;

    private EnvironmentPin() {
    }

    /**
     * Adds one native reference to the environment that {@code OrtEnvironment.getEnvironment()} created; call it
     * after that, from a class loaded by the same class loader as ONNX Runtime's Java binding. When the reference
     * cannot be taken, the reason is logged and shutdown stays as ORT ships it.
     */
    static void pin() {
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment getApiBase = SymbolLookup.loaderLookup().find("OrtGetApiBase")
                    .orElseThrow(() -> new IllegalStateException("OrtGetApiBase is not in a loaded library"));
            MemorySegment apiBase = ((MemorySegment) linker.downcallHandle(getApiBase,
                    FunctionDescriptor.of(ADDRESS)).invokeExact()).reinterpret(ADDRESS.byteSize());
            MethodHandle getApi = linker.downcallHandle(apiBase.get(ADDRESS, 0),
                    FunctionDescriptor.of(ADDRESS, JAVA_INT));
            MemorySegment api = ((MemorySegment) getApi.invokeExact(1))
                    .reinterpret((CREATE_ENV_INDEX + 1) * ADDRESS.byteSize());
            MethodHandle createEnv = linker.downcallHandle(api.getAtIndex(ADDRESS, CREATE_ENV_INDEX),
                    FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ADDRESS);
                MemorySegment status = (MemorySegment) createEnv.invokeExact(LOGGING_LEVEL_WARNING,
                        arena.allocateFrom("sitroom"), out);
                if (!MemorySegment.NULL.equals(status)) {
                    throw new IllegalStateException("CreateEnv returned an error status");
                }
            }
        } catch (Throwable t) {
            log.warn("Could not pin ONNX Runtime's environment ({}); a JVM exit during embedding may crash", t.toString());
        }
    }
}
