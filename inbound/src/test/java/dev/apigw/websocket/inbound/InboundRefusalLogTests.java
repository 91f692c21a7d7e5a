package dev.apigw.websocket.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InboundRefusalLog} writes one line per status and interval, on a controlled
 * clock, and counts the refusals it left out into the next line.
 */
class InboundRefusalLogTests {

	private static final long INTERVAL = InboundRefusalLog.INTERVAL.toNanos();

	private final List<String> lines = new ArrayList<>();

	private final AtomicLong now = new AtomicLong(-5 * INTERVAL);

	private final InboundRefusalLog log = new InboundRefusalLog(this.lines::add, this.now::get);

	@Test
	void firstRefusalIsLogged() {
		this.log.refused(403, "no shared secret");
		assertThat(this.lines).containsExactly("Refused an inbound request with 403: no shared secret");
	}

	@Test
	void refusalsWithinTheIntervalAreCountedIntoTheNextLine() {
		for (int i = 0; i < 1000; i++) {
			this.log.refused(403, "no shared secret");
			this.now.addAndGet(INTERVAL / 2000);
		}
		assertThat(this.lines).hasSize(1);
		this.now.addAndGet(INTERVAL);
		this.log.refused(403, "wrong secret");
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(1)).isEqualTo("Refused an inbound request with 403: wrong secret"
				+ " (999 more refused with 403 in the 10 s before this line were not logged)");
	}

	@Test
	void eachStatusHasItsOwnInterval() {
		this.log.refused(403, "forged");
		this.log.refused(413, "too large");
		this.log.refused(400, "missing header");
		this.log.refused(403, "forged again");
		this.log.refused(413, "too large again");
		this.log.refused(400, "missing header again");
		assertThat(this.lines).containsExactly("Refused an inbound request with 403: forged",
				"Refused an inbound request with 413: too large",
				"Refused an inbound request with 400: missing header");
	}

	@Test
	void aRefusalAfterTheIntervalIsLoggedWithoutACountWhenNoneWasLeftOut() {
		this.log.refused(413, "too large");
		this.now.addAndGet(INTERVAL);
		this.log.refused(413, "too large");
		assertThat(this.lines).containsExactly("Refused an inbound request with 413: too large",
				"Refused an inbound request with 413: too large");
	}

}
