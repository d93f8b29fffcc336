# Funnel Lab: the page's words in English.
#
# Every id here must also be in ru.ftl, with the same variables (tests/i18n.rs
# checks). Field labels, metric labels, the glossary and the presets' texts are
# not here: their English is in the core's tables (src/inputs.rs,
# src/metrics.rs, src/glossary.rs, src/presets.rs), and ru.ftl translates them
# under the ids listed by `i18n::derived_ids()`.
#
# Numbers: pass them written (lang.numbers()) or as numbers to COUNT($n) and
# PERCENT($x); a number variable also picks plural forms ([one] … *[other] …).

## The page

app-title = Funnel Lab
app-tagline = What could your funnel earn? Thousands of possible futures, simulated in your browser.
tab-title = { $name } · Funnel Lab
language-label = Language
language-not-loaded = The Russian texts could not be loaded ({ $why }), so the page is in English. Try the language switch again later.
your-funnel = Your funnel
what-follows = What follows
footer = Funnel Lab runs entirely in this page: nothing you type leaves your browser.
drop-overlay = Drop a scenario file to open it
region-run = Run
region-results = Results
editor-label = Scenario editor
start-from = Start from
glossary = Glossary

## Run settings and status

trials-label = Trials
seed-label = Seed
trials-invalid = trials: “{ $text }” must be a whole number from 1 to { $max }
seed-invalid = seed: “{ $text }” must be a whole number, 0 or more
status-problems = { COUNT($n) } { $n ->
    [one] problem
   *[other] problems
  } to fix before running
status-ready = Ready
status-done = { COUNT($trials) } { $trials ->
    [one] trial
   *[other] trials
  } in { $seconds } s
status-kept = { COUNT($trials) } { $trials ->
    [one] trial
   *[other] trials
  }, kept from a recent run of the same inputs
status-cancelled = Cancelled. Edit anything to run again.
status-failed = Could not run: { $detail }
cancel = Cancel
worker-cannot-start = cannot start the simulation worker: { $detail }
worker-unreadable-reply = unreadable reply from the worker: { $detail }
trials-gone = the trials of that run are no longer kept: let the run finish, then export again

## Notices

notice-autosave-unreadable = Your autosaved scenario could not be read: { $detail }. It is kept as it was, and this session will not be autosaved over it.
before-shared-link = { $name } (before a shared link)
notice-shared-kept = You opened a shared scenario. What you had before is kept in Saved scenarios as “{ $name }”.
notice-shared-not-kept = You opened a shared scenario, but what you had before could not be kept as a saved scenario ({ $detail }). It stays the autosaved scenario, untouched: this one is open in this tab only, until you save it under a name or export it.
notice-unknown-preset = preset: “{ $id }” is not a preset; the presets are { $list }
notice-unknown-chart = charts: “{ $name }” is not a chart; the charts are { $list }
notice-unknown-lang = lang: “{ $code }” is not a language of this app; the languages are { $list }
notice-unknown-field = edit: “{ $path }” is not a field of this scenario, so it is not shown
notice-opened-autosave = Opened your autosaved scenario.
notice-opened-shared = Opened the shared scenario.
notice-loaded-preset = Loaded the preset “{ $title }”.
notice-file-unreadable = “{ $file }” was not opened: { $detail }. Nothing was changed.
notice-file-problems = “{ $file }” was not opened: it has { COUNT($n) } { $n ->
    [one] problem
   *[other] problems
  }. Nothing was changed.
notice-opened-file = Opened “{ $file }”.
notice-file-not-read = “{ $file }” could not be read: { $detail }. Nothing was changed.
notice-not-saved-file = “{ $file }” could not be saved: { $detail }
notice-not-put-back = “{ $name }” could not be put back: { $detail }
notice-storage = Not saved in this browser: { $detail }. Your work stays in this page until you close it; Export JSON or Share link keep it elsewhere.
notice-name-taken = a saved scenario is already called “{ $name }”: choose another name, or open that one first to save over it
notice-saved-as = Saved as “{ $name }”.
notice-cannot-open = “{ $name }” cannot be opened: { $detail }
notice-gone = “{ $name }” is no longer saved here (another tab may have deleted it)
notice-copied-as = Copied as “{ $name }”.
notice-deleted = Deleted “{ $name }”.
notice-trials-csv = Per-trial CSV: { $detail }
notice-png = the chart could not be saved: { $detail }
undo = Undo
dismiss = Dismiss

## Saved scenarios, files, links

library-summary = Saved scenarios ({ COUNT($n) })
library-unavailable = This browser does not let the page keep data, so nothing can be saved here; Export JSON and Share link still work.
library-name-to-save = Name to save under
library-save = Save
library-empty = Nothing saved yet. Your current work is kept automatically in this browser.
library-open = Open
library-rename = Rename
library-duplicate = Duplicate
library-delete = Delete
library-new-name = New name
library-keep = Keep
export-json = Export JSON
import-json = Import JSON…
share-link = Share link
share-copied = Copied ({ COUNT($n) } characters). Anyone who opens it sees the same scenario and the same results.
share-to-copy = { COUNT($n) } characters: copy it to share the scenario and its results.
drop-hint = You can also drop a JSON file anywhere on the page.
download = Download:
summary-csv = Summary CSV
trials-csv = Per-trial CSV
trials-csv-title = Every metric of every trial, one row per trial
file-browser-refused = the browser refused
file-no-page = the page is not ready
file-not-text = the file is not text
png = PNG
png-title = Download this chart as a PNG image

## Embedding

embed-summary = Embed on a course page
embed-note = Readers see the charts you tick and can change only the fields you pick; they cannot change your page. Nothing they do is saved.
embed-charts = Charts
embed-paste = Paste this into your page
embed-preview = Preview the embed
embed-iframe-title = Funnel Lab simulation
embed-open-full = Open in the full app ↗
embed-foot = Simulated in your browser by Funnel Lab; nothing you change here is saved.

## Number fields

number-empty = must be a number (it is empty)
number-not-a-number = “{ $text }” is not a number
number-not-whole-days = “{ $text }” is not a whole number of days
number-ambiguous = “{ $text }” could be { $decimal } or { $thousands }: write it as one of them
number-read-as = = { $value }
number-part-unreadable = a number here cannot be read
days-unit = days
percent-centre = ≈ { PERCENT($x) }
how-sure = { $label }: how sure
part-label = { $label }: { $part }

## Uncertain values

form-fixed = exactly
form-range = 90% range
form-observed = observed
form-uniform = uniform
form-triangular = triangular
part-value = value
part-low = low
part-high = high
part-successes = successes
part-trials = trials
part-mode = most likely
joiner-to = to
joiner-of = of
joiner-most-likely = most likely

## The editor

section-scenario = Scenario
section-scenario-note = The name, the currency all money is shown in, and how many days to simulate.
section-channels = Traffic channels
section-channels-note = Where visitors come from, what each costs, and how many leave their contacts for the lead magnet.
section-lead-magnet = Lead magnet
section-lead-magnet-note = What a visitor gets for leaving contacts: usually free; it costs something to deliver.
section-nurture = Nurture
section-nurture-note = Warm leads are touched (emails, calls, messages) until they buy the entry offer, unsubscribe or go cold. The first weeks are the hottest.
section-offers = Value ladder
section-offers-note = The entry offer (often a cheap tripwire) is bought through touches; each later offer is made to buyers of an earlier one.
section-repeat = Return path
section-repeat-note = Customers keep buying at their own rhythm until they drop out; a win-back attempt can bring them back.
section-subscription = Subscription
section-subscription-note = A monthly payment until the subscriber cancels; each subscriber has its own churn.
section-referrals = Fans and promoters
section-referrals-note = Happy customers bring new leads: fans for free, promoters for a reward when their lead buys.
channel-legend = Channel { $n }
remove-channel = Remove channel
add-channel = Add channel
new-channel-name = Channel { $n }
price-changes-demand = Price changes demand
entry-offer-legend = Entry offer (bought through touches)
offer-legend = Offer { $n }
move-up = Move up
move-up-title = Move up (a follow-up stays below the offer it follows)
move-down = Move down
remove-offer = Remove offer
add-offer = Add offer
toggle-winback = Win-back
toggle-repeat = Repeat purchases
toggle-subscription = Subscription
toggle-referrals = Referrals

group-Channel-numbered = Channel { $n }
group-Offer-numbered = Offer { $n }
group-Channel-list = Channels
group-Offer-list = Offers
group-LeadMagnet = Lead magnet
group-Nurture = Nurture
group-Repeat = Repeat purchases
group-Winback = Win-back
group-Subscription = Subscription
group-Referrals = Referrals

## The results

results-empty = Results appear here once the scenario is valid.
results-stale = These results are stale: fix the highlighted fields to run again.
results-preview = Based on the first { COUNT($n) } trials; the numbers refine as more trials run.
card-margin-points = { $points } points
card-margin-title = Monte Carlo error: how much this would move with another seed (about 95% of the time)
chart-title-funnel = Funnel: how many reach each step
chart-title-profit-histogram = Profit over all trials
chart-title-profit-over-time = Cumulative profit, day by day
chart-title-channel-roi = Return on each channel
chart-name-funnel = Funnel
chart-name-profit-histogram = Profit over all trials
chart-name-profit-over-time = Cumulative profit by day
chart-name-channel-roi = Return on cost by channel
card-profit = Profit (median)
card-profit-detail = 90% of trials: { $range }
card-loss = Chance of a loss
card-loss-detail = { COUNT($n) } { $n ->
    [one] trial
   *[other] trials
  }
card-payback = Payback day (median)
card-payback-value = day { $day }
card-cac = CAC (median)
card-cltv = CLTV (median)
card-range = 90%: { $range }
card-cash = Cash needed (median)
card-cash-detail = P95: { $value }
no-value = –
channels-caption = Channels (medians over trials)
col-channel = Channel
col-visitors = Visitors
col-leads = Leads
col-customers = Customers
col-spend = Spend
col-revenue = Revenue
col-profit = Profit
col-roi = ROI (90% range)
col-roi-negative = Trials with ROI < 0
loses-money = loses money
referral-channel = referral
offers-caption = Value ladder (medians, 90% ranges)
col-offer = Offer
col-offered-to = Offered to
col-buyers = Buyers
col-conversion = Conversion
col-refunds = Refunds
col-revenue-kept = Revenue kept
offered-by-touches = touches
after-first-purchase = After the first purchase
lifecycle-none = This funnel ends at the first purchases: switch on repeat purchases, a subscription or referrals in the editor to see what customers are worth later.
warning-growth = Each customer brings { $growth } new customers on average: growth is unbounded, so the results depend on the horizon.
warning-capped = { COUNT($capped) } of { COUNT($trials) } trials reached a cap per trial ({ COUNT($individuals) } repeat customers and subscribers, { COUNT($referred) } referred leads, or { COUNT($steps) } repeat-purchase steps); what lay beyond it was not simulated, so those trials undercount.

## Charts (drawn by the core) and their text alternatives

chart-too-small = Too small to draw
chart-no-profit = No profit data to show
chart-no-daily-profit = No daily profit to show
chart-no-channels = No channels to show
chart-axis-with-unit = { $caption } ({ $unit })
chart-axis-profit = Profit
chart-axis-trials = Trials
chart-axis-day = Day
chart-axis-cumulative-profit = Cumulative profit
chart-median-mark = Median { $value }
chart-loss-in = Loss in { $share } of trials
chart-no-loss = No loss in any trial
chart-trials = · { COUNT($n) } { $n ->
    [one] trial
   *[other] trials
  }
chart-band-90 = 90% of trials
chart-band-50 = middle 50%
chart-band-median = median
chart-not-available = ↓ n/a
chart-none-of = (no { $people })
chart-conversion-of = of { $people }
funnel-note-long = Bar: median · line: 5th–95th percentile · log scale (×10 per grid line)
funnel-note-medium = Bar: median · line: 5th–95th percentile · log scale
funnel-note-short = Median, 5th–95th percentile, log scale
funnel-people-visitors = visitors
funnel-people-leads = leads
funnel-people-buyers = { $offer } buyers
roi-loses-in = · loses money in { $share } of trials
roi-no-cost = n/a (no cost)
roi-note-long = Bar: median ROI · line: 5th–95th percentile · red: loses money in most trials
roi-note-short = Median ROI, 5th–95th percentile; red: mostly loses
describe-no-trials = No trials were run.
describe-funnel = Medians over { COUNT($trials) } trials: { $stages }.
describe-funnel-stage = { $count } { $people }
describe-funnel-conversion = { $stage } ({ $share } of { $from })
describe-no-profit = No profit data.
describe-profit-same = { $value } in at least 90% of trials
describe-profit-spread = 90% of trials between { $low } and { $high }
describe-profit = Median profit { $median }; { $spread }; loss in { $loss } of trials.
describe-no-daily-profit = No daily profit data.
describe-profit-over-time = Median cumulative profit on day { $day } (the last): { $median } (90% of trials between { $low } and { $high }).
describe-lowest = The median is lowest on day { $day }, at { $value }
describe-back-above = , and back above zero from day { $day }
describe-no-channels = No channels.
describe-channel = { $name } { $roi } (loses money in { $share } of trials)
describe-channel-undefined = { $name } not defined (no cost)
describe-channel-roi = Median return on cost (ROI) by channel: { $channels }.
list-separator = ;{" "}

## Validation problems (next to their field)

problem-not-finite = must be a number (it is empty, not a number, or infinite)
problem-negative = must not be negative (got { $value })
problem-rate-above-one = is a rate and must be at most 1 (got { $value }); write 5% as 0.05
problem-too-large = is too large (got { $value }; at most { $max })
problem-range-low-not-positive = low must be above 0 in a 90% range (got { $value }); for a value that may be 0 use a uniform or a fixed number
problem-low-above-high = low ({ $low }) must not be above high ({ $high })
problem-range-high-not-below-one = high must be below 1 in a 90% range of a rate (got { $value })
problem-observed-for-amount = observed data (successes of trials) describes a rate, but this field is an amount
problem-observed-not-whole = successes and trials must be whole numbers, 0 or more
problem-successes-above-trials = successes ({ $successes }) cannot be more than trials ({ $trials })
problem-mode-outside = a triangular needs low ≤ mode ≤ high (got { $low }, { $mode }, { $high })
problem-out-of-range = must be { $allowed } (got { $value })
problem-empty = must not be empty
problem-no-channel = needs at least one channel
problem-no-offer = needs at least one offer (the entry offer)
problem-duplicate-offer-id = the id “{ $id }” is used by another offer
problem-duplicate-channel-name = the name “{ $name }” is used by another channel
problem-reserved-channel-name = “{ $name }” is reserved for leads brought by fans and promoters
problem-unknown-offer = no offer has the id “{ $id }”
problem-not-earlier-offer = “{ $id }” is not an earlier offer; a follow-up can only be offered to buyers of an offer above it
problem-entry-offer-follow-up-field = the first offer is the entry offer, bought through touches; only later offers have offered_to, take_rate and delay_days
problem-missing-for-follow-up = is missing; every offer after the first needs it
problem-end-before-start = the end day ({ $end }) is before the start day ({ $start })
problem-past-horizon = day { $day } is past the horizon ({ $horizon } days)
problem-horizon-out-of-range = must be from 1 to { $max } days (got { $value })
problem-wrong-schema = this is schema { $found }, but this version of Funnel Lab reads schema { $schema }
problem-unknown-path = no field of this scenario has the path “{ $path }”
problem-not-uncertain = “{ $path }” is a plain number or a text; only uncertain values can move together
problem-fixed-in-correlation = “{ $path }” is fixed at one number; only values given as a range, observed data, a uniform or a triangular can move together
problem-not-two-paths = must name exactly two fields (got { $n })
problem-tied-to-itself = ties “{ $path }” to itself; name two different fields
problem-repeated-pair = ties the same two fields as correlations[{ $index }]
problem-rank-outside = must be a number strictly between −1 and 1 (got { $value })
problem-not-positive-definite = these correlations cannot all hold at once (their matrix is not positive definite from “{ $path }” on); make the ranks that involve it weaker
field-error = { $place } ({ $path }): { $problem }
field-error-at-path = { $path }: { $problem }
bounds-price-step = above 0 (a price rise that halves demand)
bounds-from-to = from { $min } to { $max }
bounds-from-to-days = from { $min } to { $max } { $n ->
    [one] day
   *[other] days
  }
bounds-above-at-most = above { $min } and at most { $max }
bounds-above-at-most-days = above { $min } and at most { $max } { $n ->
    [one] day
   *[other] days
  }

## Files, links and storage that could not be read

parse-not-json = this is not JSON ({ $detail })
parse-not-a-scenario = this is not a scenario (no schema)
parse-wrong-schema = this is schema { $found }, but this version of Funnel Lab reads schema { $schema }
parse-field = { $path }: { $detail }
read-corrupt = this is not a saved Funnel Lab scenario ({ $detail })
read-newer = this was saved by a newer Funnel Lab (format { $version }; this one reads up to { $current }); it was left untouched
read-scenario = the saved scenario cannot be read: { $detail }
link-not-a-link = this link does not hold a Funnel Lab scenario
link-damaged = this link is damaged (cut short or changed): nothing was loaded; ask for the whole link again
link-content = this link cannot be opened: { $detail }
store-unavailable = this browser does not let the page keep data here (private mode or a blocked frame): your work stays only until you close the page
store-full = the browser's storage for this page is full: delete some saved scenarios
store-other = the browser's storage failed: { $detail }
library-protected = “{ $name }” holds a value this version cannot read, so it is left untouched; save under another name
library-no-such-name = no saved scenario is called “{ $name }”
library-name-taken = a saved scenario is already called “{ $name }”
library-empty-name = give the scenario a name

## Opening scenarios from outside (src/startup.rs)

offer-run-trials = Run { $shown } { $n ->
    [one] trial
   *[other] trials
  }
offer-open-anyway = Open it anyway
offer-start-clean = Start clean
offer-keep-this-tab = Keep this tab's copy
trials-unusable-link = This link gave no usable number of trials (it must be a whole number from 1 to { $max }), so it runs the default { $default }.
trials-unusable-file = This file gave no usable number of trials (it must be a whole number from 1 to { $max }), so it runs the default { $default }.
trials-capped-link = This link asks for { $asked } trials; the page runs at most { $max } and does not start a long run unasked, so it runs { $default } now.
trials-capped-file = This file asks for { $asked } trials; the page runs at most { $max } and does not start a long run unasked, so it runs { $default } now.
hold-shared-not-kept = what you had before is still the autosaved scenario and is not written over ({ $detail })
hold-autosave-unfinished = your autosaved scenario did not open last time; it is left as it is until you open it or start clean
unfinished-link = Last time, opening this shared link did not finish: the page may have frozen or crashed. So it was not opened again. Open it anyway, or start clean.
unfinished-autosave = Last time, opening your autosaved scenario “{ $name }” did not finish: the page may have frozen or crashed. So it was not opened again. Open it anyway, or start clean.
label-did-not-open = { $name } (did not open)
label-this-tab = { $name } (this tab)
started-clean = Started clean.
started-clean-kept = Started clean. The scenario that did not open is kept in Saved scenarios as “{ $name }”.
started-clean-not-kept = The scenario that did not open could not be kept as a saved scenario ({ $detail }), so it stays the autosave, untouched; this tab works in memory only.
other-tab-changed = Another tab changed the autosaved scenario to “{ $name }”, so a reload would bring back that one rather than this tab's. Keep this tab's scenario under a name to be sure to have both.
other-tab-removed = Another tab changed the autosaved scenario (it was removed), so a reload would bring back that one rather than this tab's. Keep this tab's scenario under a name to be sure to have both.
this-tab-kept = This tab's scenario is kept in Saved scenarios as “{ $name }”.
this-tab-not-kept = This tab's scenario could not be kept: { $detail }. Export JSON keeps it in a file.
own-tab = Funnel Lab opens in its own tab.
own-tab-open = Open Funnel Lab ↗
limit-channels = A scenario has at most { $n } channels
limit-offers = A scenario has at most { $n } offers

## Limits (src/limits.rs)

over-limits = it is over Funnel Lab's limits: { $detail }
over-bytes = too large: { $found } bytes where Funnel Lab reads at most { $max } bytes (1 MB)
over-items = too many { $noun }: { $found } where a scenario may have at most { $max }
over-chars = too long: { $found } characters where names, ids and other texts may have at most { $max }
over-more-texts = { $more } more { $more ->
    [one] text is
   *[other] texts are
  } too long (at most { $max } characters each)
link-unknown-format = this link (starting “{ $prefix }”) was made by another version of Funnel Lab, or is not a Funnel Lab link: nothing was loaded
link-too-large = this link is too large: it would unpack to more than { $max } bytes (1 MB), far more than any scenario needs; nothing was loaded

## Runs on the worker pool (web/src/run.rs, web/src/pool.rs)

memory-cap = { COUNT($trials) } trials of this scenario would need about { $mb } MB to keep every trial, more than a browser tab can safely hold: the page runs the first { COUNT($cap) } (for more, use the funnel-lab command).
status-capped = Ran { COUNT($done) } of { COUNT($total) } trials: the rest would take about { $rest }.
run-rest = Run the rest
run-again-with = Run again with { COUNT($n) } { $n ->
    [one] trial
   *[other] trials
  }
duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $n } h
precision-stop = Stop
precision-every-trial = after all trials
precision-within = when ± is within { $percent }%
worker-no-message = its messages could not be read
worker-role-runner = A simulation worker
worker-role-summariser = The worker that gathers the results
worker-cause-bug = it hit a bug ({ $detail })
worker-cause-memory = it most likely ran out of memory ({ $detail })
worker-silent = it stopped answering
worker-stopped = { $role } stopped after { COUNT($done) } of { COUNT($total) } trials: { $cause }. Nothing else was lost; you can run again, with fewer trials if it happens again.

## pricing-ui

card-front-end-roas = Front-end ROAS
card-front-end-roas-self = Self-liquidating: the front end pays for the ads ({ $range })
card-front-end-roas-not = Not self-liquidating: the front end pays back { $part } of the ads ({ $range })
card-front-end-roas-none = No ad spend, so no ROAS
price-factor-readout = at { $price }: ×{ $factor } of the buyers seen at { $reference }
sweep-axis-price = Price
sweep-legend-median = median profit
sweep-legend-loss = chance of loss (right axis)
sweep-legend-best = highest expected profit
sweep-legend-safe = safe price (highest P5)
sweep-describe-best = The highest expected profit is at { $price } (mean profit { $value }; prices from { $low } to { $high } are as good within Monte Carlo noise).
sweep-describe-safe = The safe price, with the highest 5th percentile of profit, is { $price } (P5 { $value }; as good within noise from { $low } to { $high }).
sweep-describe-none = No point of the sweep has a profit to mark yet.
sweep-describe-preview = A first look from { COUNT($trials) } trials a price; the best and the safe price are marked once the prices have run in full.
pricing-title = Pricing lab
pricing-note = Try many prices at once, or find the value of a field that reaches a profit goal. Every price or value tried runs the same trials from the same seed (common random numbers), so differences are the change's effect, not noise. The work runs in a worker of its own: the page stays responsive.
sweep-title = Price sweep
sweep-target = Price of
sweep-target-lead-magnet = Lead magnet
sweep-from = From
sweep-to = To
sweep-points = Points
sweep-trials = Trials per point
sweep-run = Run the sweep
sweep-cancel = Cancel
sweep-progress = Coarse curve first: { $done } of { $planned } points…
sweep-preview = A first look at every price from { COUNT($first) } trials each (pale rows); now { COUNT($trials) } trials a price: { $done } of { $planned } points…
sweep-refining = Refining near the best prices: { $done } of { $planned } points…
sweep-done = { $done } prices, { COUNT($trials) } trials each, on the same random numbers.
sweep-cancelled = Sweep cancelled.
sweep-best = Highest expected profit: { $price } (mean profit { $value }; as good within noise from { $low } to { $high })
sweep-safe = Safe price: { $price } (5th percentile of profit { $value }; as good within noise from { $low } to { $high })
sweep-apply = Apply { $price }
sweep-applied = { $field } is now { $value }.
sweep-table-caption = At each price: mean buyers of each offer and front-end ROAS
sweep-col-price = Price
sweep-col-profit = Median profit
sweep-col-loss = Chance of loss
sweep-error-steps = Points: must be a whole number from 2 to { $max }.
sweep-error-range = From, to: the prices must be numbers with 0 ≤ from < to.
sweep-error-trials = Trials: must be a whole number from 10 to { $max }.
sweep-error-invalid = Fix the scenario's problems in the editor first.
pricing-failed = The pricing worker could not finish: { $detail }
seek-title = Goal seek
seek-find = Find the value of
seek-so-that = so that profit is at least
seek-by-day = by day
seek-with-chance = with a chance of at least
seek-percent = %
seek-run = Find it
seek-running = Searching: each value tried is a run of { COUNT($trials) } trials…
seek-estimate = First estimate, from the first { COUNT($trials) } trials of each value tried:
seek-answer = { $field }: { $value } (Monte Carlo bracket { $low } – { $high }); the chance of the goal there is { $chance }.
seek-unreachable-higher = No value of { $field } in its valid range reaches a chance of { $chance }: the chance is at most { $best } (at { $at }); the goal lies towards higher values.
seek-unreachable-lower = No value of { $field } in its valid range reaches a chance of { $chance }: the chance is at most { $best } (at { $at }); the goal lies towards lower values.
seek-error-chance = Chance: must be a number above 0 and at most 100.
seek-error-day = Day: must be a whole number from 1 to the horizon, { $horizon }.
seek-error-profit = Profit: must be a number.
seek-apply = Apply { $value }
seek-trials = Trials per value tried
sweep-edge = The highest expected profit is at an end of the range: widen the range to see whether a better price lies beyond it.
step-tests-title = Derive the step from two price tests
step-tests-note = Sold at two prices (say, in an A/B test)? Enter both: the step is the price rise that halves the share that buys, through both tests.
step-tests-test = Test { $test }: at
step-tests-bought = bought
step-tests-of = of
step-tests-fixed = one number
step-tests-range = a 90% range (from the tests' size)
step-tests-result-fixed = Halving step: { $step }
step-tests-result-range = Halving step: { $low } – { $high } (90% range)
step-tests-use = Write it into the step
step-axis-share = Share that buys
step-error-bad-price = Test { $test }: the price must be a number from 0 to 1,000,000,000,000.
step-error-bad-counts = Test { $test }: the buyers must be a whole number from 0 to the people offered, and the people offered a whole number above 0.
step-error-same-price = The two tests must have different prices.
step-error-no-buyers = Test { $test }: nobody bought, so the tests cannot say how fast demand falls; test with more people.
step-error-same-rate = The same share bought at both prices, so price did not change demand.
step-error-rises = A larger share bought at the higher price; the price response only lets demand fall as the price rises.
step-error-too-uncertain = The tests are too small to tell a falling demand from a flat one (at 90%); test with more people, or use one number.
## ux-layout
headline-profit = Profit, median
headline-loss = Chance of a loss
headline-points = { $points } pts
headline-change-title = Change since the previous run
skip-to-results = Skip to the results
phone-tabs = Show
tab-edit = Edit
tab-results = Results
region-settings = Run settings
status-simulating = Simulating… { COUNT($done) } of { COUNT($total) } trials
results-simulating = Simulating… the first results appear in a moment.
results-none = No results yet: change anything to run again.
embed-fields-pick = Fields readers may change
embed-group-scenario = Scenario
table-scroll-cue = Scroll sideways for every column →
## decide-ui
tornado-no-input = No uncertain input to rank
tornado-undefined = { $metric } is not defined in any trial
tornado-tails = P10 { $low } → P90 { $high }
tornado-note-long = Light: median { $metric } when the input is in its lowest 10% of trials · dark: its highest 10% · line: median of all trials, { $median }
tornado-note-short = Light: input low (P10) · dark: input high (P90) · line: median { $metric }
tornado-note-tiny = Light: input low · dark: input high
tornado-describe = Median { $metric } { $median }. Median when an input is in its lowest or highest 10% of trials, the input that moves it most first. { $parts }.
tornado-describe-part = { $input }: { $low } when it is low ({ $lowInput }), { $high } when it is high ({ $highInput })
tornado-describe-none = Median { $metric } { $median }; no uncertain input moves it.
tornado-describe-undefined = { $metric } is not defined in any trial.
decide-title = Which input matters
decide-note = Read from this run's own trials, once it has finished: no extra trials are run.
decide-metric = Rank the inputs by their effect on
decide-chart-title = What moves the { $metric } most
decide-click-hint = Click a bar to go to its field.
decide-waiting = The ranking of the inputs comes when the run has finished.
worth-title = Worth testing first
worth-sentence = Knowing “{ $input }” exactly would be worth about { $value }: test it first.
worth-none = No single input is worth testing before launch: knowing any one of them exactly would add less than the estimate's noise (about { $noise }).
worth-col-input = If you knew exactly
worth-col-value = Expected profit gained
worth-everything = Knowing everything
worth-about-zero = about 0
worth-note = What knowing an input before deciding whether to launch would add to the expected profit; values below about { $noise } cannot be told from 0 with these trials.
baseline-not-kept = The baseline could not be kept in this browser ({ $detail }); the comparison goes on until the page is closed.
baseline-link-unreadable = The link's baseline could not be read ({ $detail }); the shared scenario opened without it.
baseline-unreadable = The baseline could not be read ({ $detail }); it is kept as it is.
compare-title = Against a baseline
compare-pin = Pin as baseline
compare-pick = or compare with
compare-pick-none = a saved scenario…
compare-unpin = Unpin
compare-none = Pin this scenario as a baseline, then change it: each run is compared with the baseline on the same random draws.
compare-pinned = Compared with “{ $name }”, on the same seed and trials.
compare-baseline-invalid = { $n ->
    [one] The baseline has a problem to fix before it can run.
   *[other] The baseline has { COUNT($n) } problems to fix before it can run.
  }
compare-waiting = The comparison comes when the run has finished.
compare-failed = Could not compare: { $detail }
compare-prob = Chance this beats the baseline
compare-prob-detail = Share of the { COUNT($n) } trials in which this scenario's profit is higher
compare-median = Difference of median profit
compare-median-value = { $value } (90%: { $band })
compare-spread = Per trial, P5 to P95: { $range }
compare-chart-title = Profit difference per trial (this − baseline)
compare-chart-text = The profit difference per trial goes from { $low } to { $high }; red bars: trials where the baseline did better, green: where this scenario did.
compare-current = This scenario
compare-baseline = Baseline: { $name }
section-correlations = Inputs that move together
section-correlations-note = Some uncertain values rise and fall together: a good market lifts the opt-in rate and the conversion at once. Tie two of them with a rank correlation (0: independent, towards 1: they move together, towards −1: one rises as the other falls); each keeps the range you gave it.
correlation-pick = Pick a field…
correlation-first = First field
correlation-second = Second field
correlation-rank = Rank correlation
correlation-rank-of = Rank correlation of { $a } and { $b }
correlation-add = Tie them
correlation-remove = Remove
correlation-pick-two = Pick two uncertain fields to tie.
## ux-content

chart-title-active-subscribers = Active subscribers, day by day
chart-title-mrr = Monthly recurring revenue (MRR), day by day
chart-title-active-repeat = Active repeat customers, day by day
chart-name-active-subscribers = Active subscribers by day
chart-name-mrr = MRR by day
chart-name-active-repeat = Active repeat customers by day
chart-no-daily-series = No daily values to show
describe-no-daily-series = No daily values.
describe-series = { $series } on day { $day } (the last): median { $median }, 90% of trials between { $low } and { $high }.
describe-series-peak = The median is highest on day { $day }, at { $value }.
card-payback-among = median among the { $share } of trials that pay back
card-payback-chart = the median of all trials (the cumulative profit chart) stays above zero from day { $day }
card-payback-chart-never = the median of all trials (the cumulative profit chart) ends below zero
buyers-vs-customers = Buyers count every purchase, refunded ones too: the entry offer's { $buyers } buyers (median) less { $refunds } refunds are the { $customers } customers of the channel table, CAC and CLTV (medians of each, so they need not add up exactly).
