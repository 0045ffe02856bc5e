package org.regscreen;

import java.nio.charset.StandardCharsets;

/**
 * A compiled regscreen profile, shared by all threads of a registration system: {@link #screen} may be
 * called from any number of threads at once, and {@link #reload} swaps in a new profile atomically while
 * they run (a profile that fails to load leaves the old one serving). Wraps the C API of
 * include/regscreen/regscreen_c.h through a small JNI shim (libregscreen_jni.so).
 *
 * <p>Strings cross the boundary as UTF-8 byte arrays, never through JNI's modified UTF-8.
 */
public final class Screener implements AutoCloseable {
  /** The REGSCREEN_C_ABI_VERSION this class and its shim were written for; checked when the shim loads. */
  public static final int ABI_VERSION = 1;

  static {
    System.loadLibrary("regscreen_jni");
  }

  private long handle;  // regscreen_screener*, 0 once closed

  /** Compiles a bundled profile ("national", "shanghai", ...) or a profile file; policyDir may be null. */
  public Screener(String profile, String policyDir) throws RegscreenException {
    handle = nativeNew(utf8(profile), utf8(policyDir));
  }

  public Screener(String profile) throws RegscreenException {
    this(profile, null);
  }

  /** Screens one record; website may be null. Thread-safe. */
  public ScreenResult screen(String id, String name, String scope, String website, boolean newRegistration)
      throws RegscreenException {
    return nativeScreen(live(), utf8(id), utf8(name), utf8(scope), utf8(website), newRegistration);
  }

  /** Compiles `profile` and makes it current; on failure throws and the old profile keeps serving. */
  public void reload(String profile, String policyDir) throws RegscreenException {
    nativeReload(live(), utf8(profile), utf8(policyDir));
  }

  /** 1 after construction, +1 per successful reload. */
  public long generation() {
    return nativeGeneration(live());
  }

  /** The library's release, e.g. "0.1.0". */
  public static native String version();

  /** Frees the native screener. No screen() call may be running or start afterwards. */
  @Override
  public synchronized void close() {
    if (handle != 0) {
      nativeFree(handle);
      handle = 0;
    }
  }

  private long live() {
    long h = handle;
    if (h == 0) throw new IllegalStateException("Screener is closed");
    return h;
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static native long nativeNew(byte[] profile, byte[] policyDir) throws RegscreenException;
  private static native void nativeFree(long handle);
  private static native ScreenResult nativeScreen(long handle, byte[] id, byte[] name, byte[] scope,
      byte[] website, boolean newRegistration) throws RegscreenException;
  private static native void nativeReload(long handle, byte[] profile, byte[] policyDir)
      throws RegscreenException;
  private static native long nativeGeneration(long handle);
}
