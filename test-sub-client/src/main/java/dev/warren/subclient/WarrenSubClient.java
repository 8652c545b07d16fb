package dev.warren.subclient;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;

import dev.warren.subclient.cli.SubscribeCommand;
import dev.warren.subclient.load.LoadCommand;
import dev.warren.subclient.market.MarketCommand;
import dev.warren.subclient.replica.ReplicaCommand;

/**
 * Entry point of {@code warren-sub}, Warren's command-line subscriber.
 */
public final class WarrenSubClient {

	private WarrenSubClient() {
	}

	/**
	 * Runs the command line and exits with its status.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		System.exit(run(System.out, System.err, args));
	}

	/**
	 * Runs the command line in-process, writing to {@link System#out} and
	 * {@link System#err}.
	 * @param args command-line arguments
	 * @return the exit status: 0 when it ran to its end, non-zero otherwise
	 */
	public static int run(String... args) {
		return run(System.out, System.err, args);
	}

	/**
	 * Runs the command line in-process.
	 * @param out where message lines and the JSON summary go
	 * @param err where progress, the human summary and errors go
	 * @param args command-line arguments
	 * @return the exit status: 0 when it ran to its end, non-zero otherwise
	 */
	public static int run(PrintStream out, PrintStream err, String... args) {
		CommandLine commandLine = new CommandLine(new SubscribeCommand(out, err));
		commandLine.addSubcommand("load", new LoadCommand(err));
		commandLine.addSubcommand("market", new MarketCommand(out, err));
		commandLine.addSubcommand("replica", new ReplicaCommand(out, err));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		return commandLine.execute(args);
	}

}
