/**
 * Fixtures for this build's own tests and benchmarks; not published.
 */
@NullMarked
package dev.apigw.websocket.testfixture;

import org.jspecify.annotations.NullMarked;
