package dev.apigw.websocket.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table, built row by row.
 */
final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	MarkdownTable row(String... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException("A row needs " + this.header.size() + " cells but has " + cells.length);
		}
		this.rows.add(List.of(cells));
		return this;
	}

	int size() {
		return this.rows.size();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		text.append("| ").append(String.join(" | ", this.header)).append(" |\n");
		text.append("|").append("---|".repeat(this.header.size())).append("\n");
		for (List<String> row : this.rows) {
			text.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		return text.toString();
	}

}
