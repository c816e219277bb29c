package org.wubloader.common.exec;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live processes of one job (a cut, a thumbnail) or one service: {@link #killAll} stops them
 * all at once, and once killed the group kills any process started into it afterwards, so a job
 * cancelled while it was starting a child cannot leave that child running.
 */
public final class ProcessGroup {
    private final Set<ExternalProcess> live = ConcurrentHashMap.newKeySet();
    private volatile boolean killed;

    void add(ExternalProcess p) {
        live.add(p);
        if (killed) {
            p.kill();
        }
    }

    void remove(ExternalProcess p) {
        live.remove(p);
    }

    public int size() {
        return live.size();
    }

    public boolean isKilled() {
        return killed;
    }

    /** Kills every live process of the group (and their descendants), and every later one. */
    public void killAll() {
        killed = true;
        for (ExternalProcess p : List.copyOf(live)) {
            p.kill();
        }
    }

    /** Closes (kills and reaps) whatever is still live. */
    public void closeAll() {
        for (ExternalProcess p : List.copyOf(live)) {
            p.close();
        }
    }
}
