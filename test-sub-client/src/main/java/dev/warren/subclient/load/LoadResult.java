package dev.warren.subclient.load;

import java.util.List;
import java.util.Map;

/**
 * Everything a load run measured, written as the JSON result file.
 *
 * @param target what was measured
 * @param runId the run's id (part of client ids and topic names)
 * @param startedAt when the run started (ISO-8601)
 * @param settings what was asked for
 * @param connections how the connections went
 * @param messages what was published, expected and received
 * @param deliveredPerSecond messages received per second, from the first publish to the
 * last arrival
 * @param latency producer send to client receipt, over every first, correctly delivered
 * arrival
 * @param nodes the spread over socket URLs
 * @param loader the tool's own cost
 * @param serverMemory resident memory of the given server processes, when asked for
 * @param serverCpu CPU used by the given server processes while producing and draining,
 * when asked for
 * @param replacement how connections were replaced while the run went on, when asked for
 * @param samples the server processes sampled while the run went on, when asked for
 * @param errors the first errors seen, and how many there were in all
 * @param errorCount how many errors there were
 * @param clean no failed or lost connection, nothing lost, duplicated, out of order or
 * misdelivered, every publish confirmed
 */
public record LoadResult(LoadTarget target, String runId, String startedAt, Settings settings, Connections connections,
		Messages messages, double deliveredPerSecond, LoadLatency.Figures latency, List<Node> nodes, Loader loader,
		Memory serverMemory, ServerCpu serverCpu, Replacement replacement, Samples samples, List<String> errors,
		int errorCount, boolean clean) {

	/**
	 * What the run was asked to do.
	 *
	 * @param clients connections requested
	 * @param socketUrls where they went, round-robin
	 * @param tokens how clients got their tokens: {@code minted}, {@code registered} or
	 * {@code login} (Web-STOMP)
	 * @param topics shared topics
	 * @param topicsPerClient topics each client followed
	 * @param rate messages published per second
	 * @param durationSeconds how long the producer ran
	 * @param mix share of each kind of message
	 * @param bodyBytes body size
	 * @param deflateOffered whether clients offered permessage-deflate
	 * @param heartbeatMillis client heart-beat interval, 0 for none
	 */
	public record Settings(int clients, List<String> socketUrls, String tokens, int topics, int topicsPerClient,
			double rate, int durationSeconds, Map<MessageKind, Integer> mix, int bodyBytes, boolean deflateOffered,
			long heartbeatMillis) {
	}

	/**
	 * @param requested connections opened: the clients asked for, plus those that
	 * replaced others
	 * @param opened WebSocket upgrades that succeeded
	 * @param subscribed clients with every subscription receipted
	 * @param failed clients that never got there
	 * @param lostAfterSubscribing connections the server closed or lost during the run
	 * @param deflateNegotiated connections on which permessage-deflate was agreed
	 */
	public record Connections(int requested, int opened, int subscribed, int failed, int lostAfterSubscribing,
			int deflateNegotiated) {
	}

	/**
	 * @param published messages the producer sent
	 * @param producerConfirmed whether the broker confirmed every one of them
	 * @param expected deliveries the subscribed clients should have received
	 * @param received deliveries that arrived, first arrivals only
	 * @param lost expected minus received
	 * @param duplicates arrivals seen before
	 * @param outOfOrder arrivals after a later message of the same stream
	 * @param misdelivered arrivals for another client, on the wrong subscription, or not
	 * a load message at all
	 * @param unaddressed arrivals of a client's own streams the producer did not address
	 * to it: a topic message that reached it before it joined the audience or after it
	 * left it to be replaced; neither received nor lost
	 */
	public record Messages(long published, boolean producerConfirmed, long expected, long received, long lost,
			long duplicates, long outOfOrder, long misdelivered, long unaddressed) {
	}

	/**
	 * @param url the socket URL
	 * @param subscribed clients subscribed through it
	 * @param failed clients that failed on it
	 * @param received messages received through it
	 */
	public record Node(String url, int subscribed, int failed, long received) {
	}

	/**
	 * @param cpuCores the tool's CPU use while producing and draining, in cores
	 * @param cpuMicrosPerMessage the tool's CPU time per message received
	 * @param ioThreads Netty I/O threads
	 */
	public record Loader(double cpuCores, double cpuMicrosPerMessage, int ioThreads) {
	}

	/**
	 * @param pids the processes measured
	 * @param residentBefore their RSS before any load client connected, in bytes
	 * @param residentConnected their RSS once every client was subscribed and the settle
	 * time passed
	 * @param residentEnd their RSS at the end of the run
	 * @param bytesPerConnection added RSS per subscribed connection
	 * @param connectionsPerGiB subscribed connections per GiB of added RSS
	 */
	public record Memory(List<Long> pids, long residentBefore, long residentConnected, long residentEnd,
			double bytesPerConnection, double connectionsPerGiB) {
	}

	/**
	 * What the server processes spent while the producer ran and the tool drained.
	 *
	 * @param pids the processes
	 * @param cpuCores their CPU use, in cores
	 * @param cpuMicrosPerMessage their CPU time per message received by the tool, in µs
	 */
	public record ServerCpu(List<Long> pids, double cpuCores, double cpuMicrosPerMessage) {
	}

	/**
	 * Connections replaced while the producer ran: the producer stops addressing the old
	 * one, which is closed once what was addressed to it arrived (or after the grace),
	 * and a new client takes its place.
	 *
	 * @param percentPerMinute share of the connections replaced per minute, in percent
	 * @param perMinute replacements per minute, spread evenly
	 * @param graceMillis how long an old connection stayed open at most for messages
	 * addressed to it
	 * @param replaced replacements begun
	 * @param closed old connections closed cleanly (STOMP DISCONNECT or WebSocket close)
	 * @param subscribed new connections that subscribed
	 * @param failed new connections that did not
	 * @param closedWithOutstanding old connections closed with messages addressed to them
	 * still missing after the grace (those count as lost)
	 */
	public record Replacement(double percentPerMinute, int perMinute, long graceMillis, int replaced, int closed,
			int subscribed, int failed, int closedWithOutstanding) {
	}

	/**
	 * The server processes over time.
	 *
	 * @param everySeconds interval between samples
	 * @param series the samples, the last one taken as the producer stopped
	 * @param summary growth and ranges from the summary's start on
	 */
	public record Samples(int everySeconds, List<Sample> series, SampleSummary summary) {
	}

	/**
	 * One sample of the server processes (summed over them) and of the tool; a figure
	 * that could not be read is {@code null}.
	 *
	 * @param seconds time since the producer started
	 * @param heapAfterGcBytes heap in use right after a full collection ({@code jcmd
	 * GC.run}, then {@code GC.heap_info})
	 * @param gcLiveDataBytes the server's own {@code jvm_gc_live_data_size_bytes}, read
	 * right after that collection, when --server-metrics is given
	 * @param openFiles open file descriptors ({@code /proc/<pid>/fd})
	 * @param threads threads ({@code /proc/<pid>/status})
	 * @param residentBytes resident memory
	 * @param loaderConnections connections subscribed and open, as the tool counts them
	 * @param serverConnections {@code warren_socket_connections}, when --server-metrics
	 * is given
	 * @param received messages received so far
	 * @param replaced connections replaced so far
	 */
	public record Sample(double seconds, Long heapAfterGcBytes, Long gcLiveDataBytes, Integer openFiles,
			Integer threads, Long residentBytes, int loaderConnections, Integer serverConnections, long received,
			int replaced) {
	}

}
