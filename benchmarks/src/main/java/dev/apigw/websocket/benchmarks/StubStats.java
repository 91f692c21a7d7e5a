package dev.apigw.websocket.benchmarks;

/**
 * What the {@link StubManagementApi} saw since its last reset.
 *
 * @param requests requests answered or being answered
 * @param accepted requests answered 200
 * @param distinctDelivered distinct ids answered 200
 * @param throttled requests answered 429
 * @param goneAnswers requests answered 410
 * @param distinctGone distinct ids answered 410
 * @param newConnections TCP connections accepted
 */
record StubStats(long requests, long accepted, long distinctDelivered, long throttled, long goneAnswers,
		long distinctGone, long newConnections) {

	String toLine() {
		return this.requests + " " + this.accepted + " " + this.distinctDelivered + " " + this.throttled + " "
				+ this.goneAnswers + " " + this.distinctGone + " " + this.newConnections;
	}

	static StubStats fromLine(String line) {
		String[] values = line.trim().split(" ");
		if (values.length != 7) {
			throw new IllegalArgumentException("Expected 7 figures from the stub but got '" + line + "'");
		}
		long[] figures = new long[7];
		for (int i = 0; i < figures.length; i++) {
			figures[i] = Long.parseLong(values[i]);
		}
		return new StubStats(figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6]);
	}

}
