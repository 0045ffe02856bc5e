// regscreen::LiveScreener: a Screener that can be swapped for a newly compiled policy while other threads
// keep screening, for registration systems that run for months and get policy updates during the day.
//
//   regscreen::LiveScreener live("shanghai");
//   // any number of threads, at the same time:
//   regscreen::Result r = live.screen({.name = ..., .scope = ..., .new_registration = true});
//   // policy staff changed data/profiles/shanghai.toml:
//   try { live.reload("shanghai"); } catch (const regscreen::PolicyError& e) { log(e.what()); }
//
// Guarantees:
//  - reload() compiles the new profile completely before it swaps anything. If loading or validation
//    fails it throws (PolicyError "file:line: message", or std::runtime_error, e.g. backend unavailable)
//    and the old Screener keeps serving, untouched.
//  - Every screen() call runs entirely on one Screener: a result is the result of either the old or the
//    new policy, never a mixture. Calls that started before a swap finish on the old Screener.
//  - The hot path takes no lock and writes no shared memory: each thread keeps a cached snapshot
//    (a shared_ptr to the Screener and the generation it belongs to) and only re-reads the shared one,
//    under a mutex, after the generation counter (one atomic load per call) says that a reload happened.
//    std::atomic<std::shared_ptr> is not used because libstdc++ 12 implements its load() with a spin
//    lock and a reference-count increment on a shared cache line (docs/perf-latency.md measures both).
//
// Cost of the cache: after a reload, a thread keeps the old Screener alive until its next call on this
// LiveScreener (or on three other LiveScreeners), or until it exits or calls release_thread_cache().
// Memory for one superseded Screener per idle thread is the price of a lock-free hot path.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "regscreen/screener.h"

namespace regscreen {

class LiveScreener {
 public:
  // Compiles the initial profile. Throws PolicyError (as Screener::from_profile).
  explicit LiveScreener(std::string_view profile, const ScreenerOptions& options = {});
  // Serves an already compiled Screener.
  explicit LiveScreener(Screener initial);
  ~LiveScreener();
  LiveScreener(const LiveScreener&) = delete;
  LiveScreener& operator=(const LiveScreener&) = delete;

  // Screens one record on the current Screener. Thread-safe, lock-free.
  Result screen(const Record& record) const;
  // Same, reusing *out's storage. Returns the generation of the Screener that produced *out.
  uint64_t screen(const Record& record, Result* out) const;

  // The current Screener, kept alive by the returned pointer across later reloads: use it to screen a
  // batch consistently under one policy. Takes the mutex when the caller's cached snapshot is stale.
  std::shared_ptr<const Screener> snapshot() const;

  // Compiles `profile` and, only if that succeeds, makes it the current Screener. Throws PolicyError (or
  // std::runtime_error) and keeps the old Screener serving on failure. Safe to call from any thread while
  // others screen; concurrent reloads are applied in the order they finish compiling (the last one wins).
  void reload(std::string_view profile, const ScreenerOptions& options = {});
  // Makes an already compiled Screener the current one.
  void install(Screener next);

  // 1 after construction, incremented by every successful reload()/install().
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Drops this thread's cached snapshots (of every LiveScreener), releasing superseded Screeners that only
  // this thread still held. For worker threads about to go idle for a long time; never required.
  static void release_thread_cache();

 private:
  // This thread's cached pointer to the current Screener, refreshed if stale. The reference stays valid
  // until this thread's next call on any LiveScreener.
  const std::shared_ptr<const Screener>& cached_for_this_thread(uint64_t* generation) const;

  const uint64_t id_;  // process-unique, so that a cached snapshot never matches a reused address
  mutable std::mutex mutex_;             // guards current_; writers only, and stale readers
  std::shared_ptr<const Screener> current_;
  std::atomic<uint64_t> generation_{0};  // written under mutex_, read without it
};

}  // namespace regscreen
