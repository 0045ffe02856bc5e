package org.regscreen;

import java.nio.charset.StandardCharsets;

/** The outcome of screening one record. Immutable. */
public final class ScreenResult {
  /** The decision values of regscreen_c.h (REGSCREEN_DECISION_*), in order. */
  public enum Decision { CLEAR, REVIEW, REFER, EXEMPT, HOLD, ERROR }

  public final Decision decision;
  /** 0..100. */
  public final int score;
  /** Which profile generation of the screener decided (1 = the first profile, +1 per reload). */
  public final long generation;
  /** The full result as one JSON object: hits with offsets, categories, regulators, explanation. */
  public final String json;

  // Called from the JNI shim. The JSON arrives as UTF-8 bytes: JNI's NewStringUTF expects "modified UTF-8",
  // which differs from UTF-8 for characters outside the BMP (rare CJK characters do occur in names).
  ScreenResult(int decision, int score, long generation, byte[] utf8Json) {
    this.decision = decision >= 0 && decision < Decision.values().length ? Decision.values()[decision] : Decision.ERROR;
    this.score = score;
    this.generation = generation;
    this.json = new String(utf8Json, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return decision.name().toLowerCase() + " " + score;
  }
}
