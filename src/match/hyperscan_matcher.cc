// Hyperscan matcher: the patterns compiled as pure literals (hs_compile_lit_multi, block mode), so the
// normalized terms need no regex escaping and may hold any byte. Hyperscan reports every end offset of
// every literal, overlapping and nested ones included; start = end - length, since a literal has one
// length (no SOM tracking needed). Hyperscan id = pattern index, so duplicates report each index.
//
// Scratch: each thread keeps one hs_scratch_t, grown with hs_alloc_scratch to serve every database it has
// scanned with, and freed when the thread exits. To keep hs_alloc_scratch off the hot path, the thread
// remembers which matchers its scratch was last validated for, by a process-wide unique generation
// number rather than by database address (a freed database's address can be reused by a new one).
#include "match/matcher.h"

#include "match/input_limits.h"
#include "match/match_order.h"

#if REGSCREEN_HAVE_HYPERSCAN

#include <hs.h>

#include <array>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <string>

namespace regscreen {
namespace {

std::atomic<uint64_t> g_next_generation{1};

// This thread's scratch, valid for every database it was grown for.
class ThreadScratch {
 public:
  ThreadScratch() = default;
  ThreadScratch(const ThreadScratch&) = delete;
  ThreadScratch& operator=(const ThreadScratch&) = delete;
  ~ThreadScratch() { hs_free_scratch(scratch_); }

  // Returns a scratch valid for `db`; `generation` identifies the matcher that owns `db`.
  hs_scratch_t* for_database(const hs_database_t* db, uint64_t generation) {
    for (const uint64_t g : validated_) {
      if (g == generation) return scratch_;
    }
    // On failure hs_alloc_scratch leaves the old scratch in place, still valid for the old databases.
    if (hs_alloc_scratch(db, &scratch_) != HS_SUCCESS) {
      throw std::runtime_error("hyperscan: cannot allocate scratch space");
    }
    // Growing keeps the scratch valid for every database it served, so older entries stay true.
    validated_[next_slot_] = generation;
    next_slot_ = (next_slot_ + 1) % validated_.size();
    return scratch_;
  }

 private:
  hs_scratch_t* scratch_ = nullptr;
  std::array<uint64_t, 8> validated_{};  // 0 = empty; generations start at 1
  std::size_t next_slot_ = 0;
};

thread_local ThreadScratch t_scratch;

struct ScanContext {
  const uint32_t* lengths;
  std::vector<Match>* out;
  std::exception_ptr error;  // an exception must not unwind through Hyperscan's C frames
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* ctx) {
  auto* c = static_cast<ScanContext*>(ctx);
  const auto end = static_cast<uint32_t>(to);
  try {
    c->out->push_back(Match{id, end - c->lengths[id], end});
  } catch (...) {
    c->error = std::current_exception();
    return 1;  // stop scanning
  }
  return 0;
}

class HyperscanMatcher final : public Matcher {
 public:
  explicit HyperscanMatcher(const std::vector<std::string>& patterns)
      : generation_(g_next_generation.fetch_add(1, std::memory_order_relaxed)) {
    lengths_.reserve(patterns.size());
    for (const std::string& p : patterns) lengths_.push_back(static_cast<uint32_t>(p.size()));
    if (patterns.empty()) return;  // Hyperscan cannot compile an empty set; it matches nothing anyway

    std::vector<const char*> expressions;
    std::vector<std::size_t> lens;
    std::vector<unsigned> ids;
    expressions.reserve(patterns.size());
    lens.reserve(patterns.size());
    ids.reserve(patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      expressions.push_back(patterns[i].data());
      lens.push_back(patterns[i].size());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* error = nullptr;
    const hs_error_t rc =
        hs_compile_lit_multi(expressions.data(), /*flags=*/nullptr, ids.data(), lens.data(),
                             static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db_, &error);
    if (rc != HS_SUCCESS) {
      std::string message = "hyperscan: cannot compile the pattern set";
      if (error != nullptr && error->message != nullptr) {
        message += ": ";
        message += error->message;
        if (error->expression >= 0) message += " (pattern " + std::to_string(error->expression) + ")";
      }
      hs_free_compile_error(error);
      throw std::runtime_error(message);
    }
  }

  HyperscanMatcher(const HyperscanMatcher&) = delete;
  HyperscanMatcher& operator=(const HyperscanMatcher&) = delete;
  ~HyperscanMatcher() override { hs_free_database(db_); }

  void scan(std::string_view text, std::vector<Match>* out) const override {
    match_limits::check_text_length(text);
    if (db_ == nullptr || text.empty()) return;
    hs_scratch_t* scratch = t_scratch.for_database(db_, generation_);
    const std::size_t first = out->size();
    ScanContext ctx{lengths_.data(), out, nullptr};
    const hs_error_t rc =
        hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &ctx);
    if (ctx.error) {
      out->resize(first);
      std::rethrow_exception(ctx.error);
    }
    if (rc != HS_SUCCESS) {
      out->resize(first);
      throw std::runtime_error("hyperscan: scan failed with error " + std::to_string(rc));
    }
    sort_matches(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
  }

  std::string_view name() const override { return "hyperscan"; }

 private:
  uint64_t generation_;
  hs_database_t* db_ = nullptr;
  std::vector<uint32_t> lengths_;
};

}  // namespace

std::unique_ptr<Matcher> make_hyperscan_matcher(const std::vector<std::string>& patterns) {
  match_limits::validate_patterns(patterns);
  static const bool platform_ok = hs_valid_platform() == HS_SUCCESS;
  if (!platform_ok) return nullptr;
  return std::make_unique<HyperscanMatcher>(patterns);
}

}  // namespace regscreen

#else  // !REGSCREEN_HAVE_HYPERSCAN

namespace regscreen {

std::unique_ptr<Matcher> make_hyperscan_matcher(const std::vector<std::string>& patterns) {
  match_limits::validate_patterns(patterns);  // same errors as with Hyperscan built in
  return nullptr;
}

}  // namespace regscreen

#endif
