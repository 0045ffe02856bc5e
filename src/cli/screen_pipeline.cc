#include "cli/screen_pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "cli/referrals.h"
#include "regscreen/policy.h"

namespace regscreen::cli {

void screen_batch(const Screener& screener, const PipelineOptions& options, Batch* batch) {
  const bool name_input = options.input_names.size() > 1;
  const std::string& input = batch->input < options.input_names.size() ? options.input_names[batch->input] : "";
  // The batch's records go to the library kGroup at a time, one call per group (its prefilter checks
  // many records at once), and each group's rows are written before the next group is screened: a whole
  // batch's Results (4096) would not stay in the cache. A record the reader could not read is screened
  // as an empty one and its result ignored. If a call refuses some record (a field over the length
  // limit), its group is screened record by record and the refused ones become error rows.
  constexpr size_t kGroup = 64;
  Record records[kGroup];
  thread_local std::vector<Result> results(kGroup);  // per thread: their storage is reused
  for (size_t begin = 0; begin < batch->records.size(); begin += kGroup) {
    const size_t n = std::min(kGroup, batch->records.size() - begin);
    for (size_t i = 0; i < n; ++i) {
      const InputRecord& rec = batch->records[begin + i];
      records[i] = rec.error.empty() ? rec.as_record() : Record{};
    }
    bool grouped = true;
    try {
      screener.screen(std::span<const Record>(records, n), std::span<Result>(results).first(n));
    } catch (const std::exception&) {
      grouped = false;
    }
    for (size_t i = 0; i < n; ++i) {
      const InputRecord& rec = batch->records[begin + i];
      Result& result = results[i];
      std::string reason = rec.error;
      if (reason.empty() && !grouped) {
        try {
          screener.screen(records[i], &result);
        } catch (const std::exception& e) {
          reason = std::string("cannot screen the record: ") + e.what();
        }
      }
      if (!reason.empty()) {
        append_error_row(options.format, rec.id, rec.line, name_input ? input + ": " + reason : reason,
                         &batch->rows);
        batch->stats.add_error({input, rec.line, rec.id, reason});
        continue;
      }
      if (!rec.warning.empty()) result.warnings.push_back(rec.warning);
      append_result_row(options.format, result, rec.id, &batch->rows);
      batch->stats.add_result(result);
      if (options.referrals && is_referral(result)) {
        for (const std::string& regulator : result.regulators) {
          auto& [rows, count] = batch->referrals[regulator];
          append_referral_row(screener.policy(), rec, result, &rows);
          ++count;
        }
      }
    }
  }
}

namespace {

void run_inline(const Screener& screener, const PipelineOptions& options, const BatchSource& source,
                const BatchSink& sink) {
  std::vector<InputRecord> records;
  std::string rows;
  for (uint64_t seq = 0;; ++seq) {
    Batch batch;
    batch.seq = seq;
    batch.records = std::move(records);
    batch.rows = std::move(rows);
    batch.rows.clear();
    if (!source(&batch)) return;
    screen_batch(screener, options, &batch);
    sink(batch);
    records = std::move(batch.records);
    rows = std::move(batch.rows);
  }
}

// State shared by the reader, the workers and the writer; every field is guarded by `mutex`.
struct Shared {
  std::mutex mutex;
  std::condition_variable work_ready;  // workers wait: work queued, or closed, or stop
  std::condition_variable done_ready;  // writer waits: the next batch is screened, or finished, or stop
  std::condition_variable slot_free;   // reader waits: fewer than max_in_flight batches in flight
  std::deque<Batch> work;
  std::map<uint64_t, Batch> done;
  std::vector<std::vector<InputRecord>> spent_records;  // written batches' records, back to the reader
  std::vector<std::string> spent_rows;                  // written batches' row buffers, back to the workers
  size_t in_flight = 0;
  bool closed = false;     // the reader has queued its last batch
  uint64_t total = 0;      // number of batches, valid once closed
  bool stop = false;       // an error: everyone stops
  std::exception_ptr error;

  void fail(std::exception_ptr e) {
    std::lock_guard lock(mutex);
    if (!error) error = e;
    stop = true;
    work_ready.notify_all();
    done_ready.notify_all();
    slot_free.notify_all();
  }
};

void worker(const Screener& screener, const PipelineOptions& options, Shared& s) {
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(s.mutex);
      s.work_ready.wait(lock, [&] { return s.stop || !s.work.empty() || s.closed; });
      if (s.stop || s.work.empty()) return;
      batch = std::move(s.work.front());
      s.work.pop_front();
      if (!s.spent_rows.empty()) {
        batch.rows = std::move(s.spent_rows.back());
        s.spent_rows.pop_back();
        batch.rows.clear();
      }
    }
    try {
      screen_batch(screener, options, &batch);
    } catch (...) {
      s.fail(std::current_exception());
      return;
    }
    std::lock_guard lock(s.mutex);
    const uint64_t seq = batch.seq;
    s.done.emplace(seq, std::move(batch));
    s.done_ready.notify_one();
  }
}

void writer(const BatchSink& sink, Shared& s) {
  for (uint64_t next = 0;; ++next) {
    Batch batch;
    {
      std::unique_lock lock(s.mutex);
      s.done_ready.wait(lock, [&] { return s.stop || s.done.contains(next) || (s.closed && next == s.total); });
      if (s.stop || !s.done.contains(next)) return;
      auto node = s.done.extract(next);
      batch = std::move(node.mapped());
    }
    try {
      sink(batch);
    } catch (...) {
      s.fail(std::current_exception());
      return;
    }
    std::lock_guard lock(s.mutex);
    s.spent_records.push_back(std::move(batch.records));
    s.spent_rows.push_back(std::move(batch.rows));
    --s.in_flight;
    s.slot_free.notify_one();
  }
}

}  // namespace

void run_pipeline(const Screener& screener, const PipelineOptions& options, const BatchSource& source,
                  const BatchSink& sink) {
  if (options.threads <= 1) {
    run_inline(screener, options, source, sink);
    return;
  }
  Shared s;
  const size_t max_in_flight = static_cast<size_t>(options.threads) * 2 + 2;
  std::vector<std::thread> workers;
  for (int i = 0; i < options.threads; ++i) workers.emplace_back(worker, std::cref(screener), std::cref(options), std::ref(s));
  std::thread writer_thread(writer, std::cref(sink), std::ref(s));

  uint64_t seq = 0;
  for (;;) {
    {
      std::unique_lock lock(s.mutex);
      s.slot_free.wait(lock, [&] { return s.stop || s.in_flight < max_in_flight; });
      if (s.stop) break;
      ++s.in_flight;
    }
    Batch batch;
    batch.seq = seq;
    {
      std::lock_guard lock(s.mutex);
      if (!s.spent_records.empty()) {
        batch.records = std::move(s.spent_records.back());
        s.spent_records.pop_back();
      }
    }
    bool more = false;
    try {
      more = source(&batch);
    } catch (...) {
      s.fail(std::current_exception());
      break;
    }
    std::lock_guard lock(s.mutex);
    if (!more) {
      --s.in_flight;
      break;
    }
    s.work.push_back(std::move(batch));
    ++seq;
    s.work_ready.notify_one();
  }
  {
    std::lock_guard lock(s.mutex);
    s.closed = true;
    s.total = seq;
    s.work_ready.notify_all();
    s.done_ready.notify_all();
  }
  for (std::thread& t : workers) t.join();
  writer_thread.join();
  if (s.error) std::rethrow_exception(s.error);
}

}  // namespace regscreen::cli
