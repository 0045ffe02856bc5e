import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.regscreen.RegscreenException;
import org.regscreen.ScreenResult;
import org.regscreen.Screener;

/**
 * Screens the records of a TSV file (the format of examples/c/records.tsv) from Java, then shows what a
 * registration system does during the day: four worker threads keep screening while the policy is
 * reloaded, and a broken policy is refused without interrupting them.
 *
 *   java -Djava.library.path=DIR_OF_libregscreen_jni -cp CLASSES ScreenExample PROFILE RELOAD_PROFILE FILE
 */
public final class ScreenExample {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ScreenExample PROFILE RELOAD_PROFILE records.tsv");
      System.exit(2);
    }
    List<String[]> records = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(Paths.get(args[2]), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isEmpty() && !line.startsWith("#")) records.add(line.split("\t", -1));
      }
    }
    System.out.println("regscreen " + Screener.version() + " from Java (JNI), ABI " + Screener.ABI_VERSION);
    try (Screener screener = new Screener(args[0])) {
      for (String[] r : records) {
        ScreenResult res = screen(screener, r);
        System.out.println(r[0] + "\t" + res.decision.name().toLowerCase() + "\t" + res.score);
        System.out.println("  " + res.json);
      }

      // Four threads screen while the main thread reloads: every result comes from one whole profile.
      AtomicInteger screened = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < 4; ++t) {
        Thread w = new Thread(() -> {
          for (int i = 0; i < 2000; ++i) {
            try {
              ScreenResult res = screen(screener, records.get(i % records.size()));
              if (res.generation < 1 || res.json.isEmpty()) failures.incrementAndGet();
              screened.incrementAndGet();
            } catch (RegscreenException e) {
              failures.incrementAndGet();
            }
          }
        });
        workers.add(w);
        w.start();
      }
      screener.reload(args[1], null);
      long generation = screener.generation();
      try {
        screener.reload("no_such_profile", null);
        System.out.println("reload of a missing profile was accepted: wrong");
        System.exit(1);
      } catch (RegscreenException e) {
        System.out.println("refused reload (status " + e.status + "): " + e.getMessage());
      }
      for (Thread w : workers) w.join();
      System.out.println("concurrent: screened=" + screened.get() + " failures=" + failures.get()
          + " generation=" + generation + " after_refused_reload=" + screener.generation());
      if (failures.get() != 0 || screener.generation() != generation || generation != 2) System.exit(1);
    }
  }

  private static ScreenResult screen(Screener s, String[] r) throws RegscreenException {
    String website = r.length > 3 && !r[3].isEmpty() ? r[3] : null;
    boolean isNew = r.length > 4 && r[4].equals("1");
    return s.screen(r[0], r.length > 1 ? r[1] : "", r.length > 2 ? r[2] : "", website, isNew);
  }
}
