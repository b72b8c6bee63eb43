package io.zohosync.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time (user and system) spent by processes of this machine, read from Linux's {@code /proc}: how much of the
 * machine each side of a benchmark used for the same work, a figure the machine's noise moves much less than a rate.
 * Ticks are {@code USER_HZ}, 100 a second on Linux.
 */
final class CpuTime {

    static final double MS_PER_TICK = 10.0;

    private CpuTime() {}

    /** Ticks {@code pid} has run; empty where there is no {@code /proc} entry for it. */
    static Optional<Long> of(long pid) {
        return fields(Path.of("/proc", Long.toString(pid), "stat")).map(f -> f[11] + f[12]);
    }

    /** Ticks this process has run, and the children it has waited for (a pgbench run once it has ended). */
    static Optional<Long> selfAndEndedChildren() {
        return fields(Path.of("/proc/self/stat")).map(f -> f[11] + f[12] + f[13] + f[14]);
    }

    /**
     * Ticks every PostgreSQL process on this machine has run, with its ended children (backends that have closed):
     * empty when none runs here (a database on another machine).
     */
    static Optional<Long> postgres() {
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Optional<String> comm = read(proc.resolve("comm"));
                if (comm.isEmpty() || !comm.get().strip().equals("postgres")) {
                    continue;
                }
                Optional<long[]> f = fields(proc.resolve("stat"));
                if (f.isPresent()) {
                    ticks += f.get()[11] + f.get()[12] + f.get()[13] + f.get()[14];
                    found = true;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found ? Optional.of(ticks) : Optional.empty();
    }

    /** A {@code stat} line's fields after the command name, from field 3 (state) on, as far as cstime (index 14): utime is 11. */
    private static Optional<long[]> fields(Path stat) {
        return read(stat).map(line -> {
            String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long[] values = new long[15];
            for (int i = 11; i < values.length; i++) {
                values[i] = Long.parseLong(rest[i].strip());
            }
            return values;
        });
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
