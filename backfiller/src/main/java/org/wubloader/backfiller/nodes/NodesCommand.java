package org.wubloader.backfiller.nodes;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.wubloader.backfiller.peers.PeerSources;
import org.wubloader.common.cli.CommandMain;
import org.wubloader.common.db.Dsn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wubloader nodes init|add|remove|list --node-database DSN}: the operator's view of the
 * PostgreSQL {@code nodes} table that backfillers read their peers from (docs/backfill.md §5.1).
 */
@Command(
        name = "nodes",
        mixinStandardHelpOptions = true,
        description = "Manage the PostgreSQL nodes table the backfillers read their peers from.",
        subcommands = {
            NodesCommand.Init.class,
            NodesCommand.Add.class,
            NodesCommand.Remove.class,
            NodesCommand.ListNodes.class
        })
public final class NodesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandMain.run(new NodesCommand(), args);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: init, add, remove or list");
    }

    /** {@code --node-database}, on every subcommand. */
    static final class Database {
        @Option(
                names = "--node-database",
                required = true,
                defaultValue = "${env:WUBLOADER_NODE_DATABASE}",
                description = "PostgreSQL DSN: postgresql://user:pass@host:port/db?k=v or libpq key=value pairs "
                        + "(env WUBLOADER_NODE_DATABASE).")
        String dsn;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        NodesStore open() throws SQLException {
            if (dsn == null || dsn.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "missing --node-database");
            }
            try {
                Dsn.toJdbc(dsn);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "bad --node-database: " + e.getMessage());
            }
            return new NodesStore(dsn);
        }
    }

    /** Runs a subcommand's work; a database error is one line on stderr and status 1. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Database database;

        @Spec
        CommandSpec spec;

        abstract int run(NodesStore store, PrintWriter out, PrintWriter err) throws SQLException;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (NodesStore store = database.open()) {
                return run(store, out, err);
            } catch (SQLException e) {
                err.println("nodes " + spec.name() + ": database error: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Create the nodes table if it does not exist (idempotent).")
    static final class Init extends Sub {
        @Override
        int run(NodesStore store, PrintWriter out, PrintWriter err) throws SQLException {
            store.init();
            out.println("nodes table ready");
            return 0;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add a node, or update the one with that name.")
    static final class Add extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", description = "Node name (the other node's --localhost).")
        String name;

        @Parameters(
                index = "1",
                paramLabel = "URL",
                description = "Base URL of the node's restreamer, e.g. http://host:8000.")
        String url;

        @Option(
                names = "--backfill-from",
                negatable = true,
                defaultValue = "true",
                fallbackValue = "true",
                description = "Whether backfillers copy from this node (default: ${DEFAULT-VALUE}).")
        boolean backfillFrom;

        @Override
        int run(NodesStore store, PrintWriter out, PrintWriter err) throws SQLException {
            String normalized;
            try {
                normalized = PeerSources.normalizeUrl(url);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            store.upsert(new NodesStore.Node(name, normalized, backfillFrom));
            out.println("node " + name + " " + normalized + (backfillFrom ? "" : " (not backfilled from)"));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a node.")
    static final class Remove extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(NodesStore store, PrintWriter out, PrintWriter err) throws SQLException {
            if (store.remove(name)) {
                out.println("removed node " + name);
                return 0;
            }
            err.println("no node named " + name);
            return 1;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List nodes: NAME, URL, backfill_from (tab-separated).")
    static final class ListNodes extends Sub {
        @Override
        int run(NodesStore store, PrintWriter out, PrintWriter err) throws SQLException {
            for (NodesStore.Node node : store.list()) {
                out.println(node.name() + "\t" + node.url() + "\t" + node.backfillFrom());
            }
            return 0;
        }
    }
}
