package org.sitroom;

import java.util.ArrayList;
import java.util.List;

/** Turns Sitroom's own flags into Spring properties, so users type {@code --data DIR} rather than property names. */
final class CommandLine {

    private CommandLine() {
    }

    static String[] toSpringArguments(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--data needs a folder, e.g. --data ./data");
                }
                out.add("--sitroom.data=" + args[++i]);
            } else if (arg.startsWith("--data=")) {
                out.add("--sitroom.data=" + arg.substring("--data=".length()));
            } else if (arg.equals("--port") && i + 1 < args.length) {
                out.add("--server.port=" + args[++i]);
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }
}
