"""Cost of screen_frame's JSON hits column on hit-heavy rows (about 10 hits each).

    PYTHONPATH=build/release/python /usr/bin/python3 bench/frame_hits_bench.py

Screens the same 60,000 invented records with hits="json" and with hits=None, one thread, five times each,
and prints the median CPU times and their difference per row.
"""

import time

import pandas as pd

import regscreen

ROWS = 60000
names = ["上海某某理財投资管理有限公司", "某某網路借貸信息中介有限公司", "北京某某金融信息服务有限公司"] * (ROWS // 3)
scopes = ["投资管理、资产管理、理财咨询；股权投资基金管理；支付结算技术服务（不含金融、证券、期货）"] * ROWS
df = pd.DataFrame({"企业名称": names, "经营范围": scopes})
screener = regscreen.Screener("national")
median = {}
for mode in ["json", None]:
    times = []
    for _ in range(5):
        start = time.process_time()
        regscreen.screen_frame(df, screener=screener, hits=mode, threads=1)
        times.append(time.process_time() - start)
    median[mode] = sorted(times)[2]
print("hits=json %.3f s, hits=None %.3f s: the hits column costs %.2f us a row"
      % (median["json"], median[None], (median["json"] - median[None]) / ROWS * 1e6))
