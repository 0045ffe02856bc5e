package org.regscreen;

import java.nio.charset.StandardCharsets;

/** A failed regscreen call: the C API's status code and its message ("file:line: ..." for policy errors). */
public final class RegscreenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** REGSCREEN_E_* of regscreen_c.h: -1 invalid argument, -2 policy, -3 out of memory, -4 ABI, -5 other. */
  public final int status;

  public RegscreenException(int status, String message) {
    super(message);
    this.status = status;
  }

  // Called from the JNI shim with the library's UTF-8 bytes (JNI's NewStringUTF would need "modified UTF-8").
  RegscreenException(int status, byte[] utf8Message) {
    this(status, new String(utf8Message, StandardCharsets.UTF_8));
  }
}
