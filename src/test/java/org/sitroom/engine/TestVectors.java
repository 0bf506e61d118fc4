package org.sitroom.engine;

/** Small vector helpers for the engine's tests. */
public final class TestVectors {

    private TestVectors() {
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    public static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    public static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
