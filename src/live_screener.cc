// LiveScreener: atomic policy swap with a lock-free hot path (see include/regscreen/live_screener.h).
//
// Each thread caches, per LiveScreener, the Screener it used last and that Screener's generation. A call
// compares the cached generation with the shared counter (one acquire load); only when they differ does
// it take the mutex to copy the current shared_ptr. A writer stores the new Screener and then bumps the
// counter, both under the mutex, so a reader that sees generation g under the mutex also sees the
// Screener of generation g.
#include "regscreen/live_screener.h"

#include <array>
#include <utility>

namespace regscreen {
namespace {

std::atomic<uint64_t> next_live_screener_id{1};

// A thread's cached snapshot of one LiveScreener. A handful of slots covers a thread that serves several
// profiles (say one LiveScreener per jurisdiction); beyond that the least recently refreshed slot is reused.
struct CachedSnapshot {
  uint64_t owner = 0;  // LiveScreener id_, 0 = empty slot
  uint64_t generation = 0;
  std::shared_ptr<const Screener> screener;
};

constexpr size_t kCacheSlots = 4;

struct ThreadCache {
  std::array<CachedSnapshot, kCacheSlots> slots;
  size_t next_victim = 0;
};

ThreadCache& thread_cache() {
  thread_local ThreadCache cache;
  return cache;
}

}  // namespace

LiveScreener::LiveScreener(std::string_view profile, const ScreenerOptions& options)
    : LiveScreener(Screener::from_profile(profile, options)) {}

LiveScreener::LiveScreener(Screener initial)
    : id_(next_live_screener_id.fetch_add(1, std::memory_order_relaxed)),
      current_(std::make_shared<const Screener>(std::move(initial))) {
  generation_.store(1, std::memory_order_release);
}

LiveScreener::~LiveScreener() {
  // Only this thread's cache can be cleared here; other threads' slots for this id are never matched
  // again (ids are not reused) and are overwritten or freed at thread exit.
  for (CachedSnapshot& slot : thread_cache().slots) {
    if (slot.owner == id_) slot = CachedSnapshot{};
  }
}

const std::shared_ptr<const Screener>& LiveScreener::cached_for_this_thread(uint64_t* generation) const {
  const uint64_t now = generation_.load(std::memory_order_acquire);
  ThreadCache& cache = thread_cache();
  CachedSnapshot* slot = nullptr;
  for (CachedSnapshot& s : cache.slots) {
    if (s.owner == id_) {
      if (s.generation == now) {
        *generation = now;
        return s.screener;  // the hot path: no lock, no shared write
      }
      slot = &s;
      break;
    }
  }
  if (slot == nullptr) {
    slot = &cache.slots[cache.next_victim];
    cache.next_victim = (cache.next_victim + 1) % kCacheSlots;
  }
  std::shared_ptr<const Screener> fresh;
  uint64_t fresh_generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fresh = current_;
    fresh_generation = generation_.load(std::memory_order_relaxed);
  }
  // Assigning may destroy the superseded Screener (if this thread held the last reference): do it
  // outside the lock.
  slot->owner = id_;
  slot->generation = fresh_generation;
  slot->screener = std::move(fresh);
  *generation = fresh_generation;
  return slot->screener;
}

Result LiveScreener::screen(const Record& record) const {
  Result r;
  screen(record, &r);
  return r;
}

uint64_t LiveScreener::screen(const Record& record, Result* out) const {
  uint64_t generation = 0;
  cached_for_this_thread(&generation)->screen(record, out);
  return generation;
}

std::shared_ptr<const Screener> LiveScreener::snapshot() const {
  uint64_t generation = 0;
  return cached_for_this_thread(&generation);
}

void LiveScreener::reload(std::string_view profile, const ScreenerOptions& options) {
  // Compile first, outside the lock: a failure throws here and nothing has changed.
  install(Screener::from_profile(profile, options));
}

void LiveScreener::install(Screener next) {
  auto fresh = std::make_shared<const Screener>(std::move(next));
  std::shared_ptr<const Screener> old;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    old = std::exchange(current_, std::move(fresh));
    generation_.store(generation_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
  // `old` is released here, outside the lock; threads still using it hold their own references.
}

void LiveScreener::release_thread_cache() {
  for (CachedSnapshot& slot : thread_cache().slots) slot = CachedSnapshot{};
}

}  // namespace regscreen
