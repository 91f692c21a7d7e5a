/**
 * Benchmarks on loopback, bounded in count and time: end-to-end load harnesses and JMH
 * benchmarks of the template against the raw SDK client.
 */
@NullMarked
package dev.apigw.websocket.benchmarks;

import org.jspecify.annotations.NullMarked;
