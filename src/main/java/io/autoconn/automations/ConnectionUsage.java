package io.autoconn.automations;

import java.util.List;

/**
 * How many automations of a tenant use a connection, and the first few of them by name.
 *
 * @param count every automation of the connection's tenant whose workspace uses it
 * @param first up to the requested number of them, ordered by name (case-insensitively), then id
 */
public record ConnectionUsage(int count, List<UsingAutomation> first) {
    public ConnectionUsage {
        first = List.copyOf(first);
    }

    public boolean inUse() {
        return count > 0;
    }

    /** An automation that uses the connection, as a refused delete names it. */
    public record UsingAutomation(String id, String name) {
    }
}
