//! The customer life cycle after the first purchase (`docs/model.md`, "Repeat
//! purchases and win-back", "Subscription", "Referrals"), checked against closed
//! forms and hand-worked cases:
//!
//! - repeat purchases per customer against the BG/NBD expectation E[X(T)]
//!   (Fader, Hardie & Lee 2005, eq. 9; the formula of `lifetimes` and
//!   PyMC-Marketing), and the share of repeat customers still active against the
//!   BG/NBD P(alive at τ);
//! - the subscriber survival curve and the payments per subscriber against the
//!   shifted-beta-geometric (sBG) closed form;
//! - win-back against hand-worked, deterministic cases;
//! - a runaway referral loop finishes at the caps with the growth warning, and a
//!   sub-critical loop gives no warning and the branching-process total.
//!
//! Choices of `docs/model.md` ("Choices we made", 3 and 12), relied on here:
//! - a repeat customer whose qualifying purchase is on day t is active (counted in
//!   `daily.active_repeat` at the end of each day) from the start of day t + 1
//!   until its dropout day (not counted at the end of the dropout day), and again
//!   from its win-back day;
//! - a subscriber is active from its subscription day until the day of the payment
//!   after which it churns (not counted at the end of that day);
//! - MRR = active subscribers × monthly price;
//! - every non-refunded buyer of `customers_of` becomes a repeat customer.
//!
//! Every scenario here makes all its customers buy the entry offer on the day they
//! arrive: optin 1, conversion 1, trust_touches 1, and the first touch at age 0
//! (`docs/model.md`, "Invariants"). Visitors are Poisson, so statistical checks are made
//! per customer (totals over trials divided by the number of customers).

use funnel_lab::engine::{
    Plan, RunOptions, TrialOutcome, Workspace, MAX_INDIVIDUALS_PER_TRIAL,
    MAX_REFERRED_LEADS_PER_TRIAL,
};
use funnel_lab::metrics::Metric;
use funnel_lab::scenario::Scenario;
use funnel_lab::stats;
use serde_json::{json, Value};
use std::time::Instant;

// ---------------------------------------------------------------------------
// Scenarios and runs
// ---------------------------------------------------------------------------

/// One paid channel running on days `0 .. end_day` with `visitors` a day (mean),
/// free in every respect: every visitor becomes a lead and buys the entry offer
/// (price 1, unit cost 0, no refund) on the day it arrives. No fixed costs.
fn base(horizon: u32, visitors: f64, end_day: u32) -> Value {
    json!({
        "schema": 1,
        "name": "lifecycle test",
        "currency": "USD",
        "horizon_days": horizon,
        "channels": [{
            "name": "Ads", "start_day": 0, "end_day": end_day,
            "visitors_per_day": visitors, "cost_per_visitor": 0.0, "optin_rate": 1.0
        }],
        "lead_magnet": {"price": 0.0, "delivery_cost": 0.0},
        "nurture": {
            "window_days": 30, "touches_per_week": 1.0, "touches_per_month_after": 0.0,
            "trust_touches": 1.0, "conversion_per_touch": 1.0, "unsubscribe_per_touch": 0.0,
            "interest_half_life_days": 1000.0, "cost_per_touch": 0.0
        },
        "offers": [
            {"id": "entry", "name": "Entry", "price": 1.0, "unit_cost": 0.0, "refund_rate": 0.0}
        ],
        "fixed_costs_per_month": 0.0
    })
}

fn plan(v: Value, trials: u64, seed: u64) -> Plan {
    let sc = Scenario::from_json_value(v).unwrap_or_else(|e| panic!("scenario: {e}"));
    let valid = sc.validate().unwrap_or_else(|e| panic!("validation: {e}"));
    Plan::new(valid, RunOptions::new(trials, seed)).unwrap()
}

fn outcomes(p: &Plan) -> Vec<TrialOutcome> {
    let mut ws = Workspace::default();
    (0..p.options().trials).map(|t| ws.run(p, t)).collect()
}

/// Ratio estimate Σnum / Σden over trials and its standard error (delta method
/// over trials, each trial an independent cluster of customers).
fn ratio_with_se(num: &[f64], den: &[f64]) -> (f64, f64) {
    let k = num.len() as f64;
    let (sn, sd): (f64, f64) = (num.iter().sum(), den.iter().sum());
    let r = sn / sd;
    let dbar = sd / k;
    let s2 = num
        .iter()
        .zip(den)
        .map(|(n, d)| (n - r * d) * (n - r * d))
        .sum::<f64>()
        / (k - 1.0);
    (r, (s2 / k).sqrt() / dbar)
}

// ---------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------

/// Gauss hypergeometric 2F1(a, b; c; z) by its power series, for a, b, c > 0 and
/// 0 ≤ z < 1. All terms are positive; it stops when a bound on the remaining
/// tail (geometric with ratio max(current ratio, z), valid as the term ratio
/// tends to z monotonically) is below 1e-15 of the sum.
fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    assert!(a > 0.0 && b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z));
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    for n in 0..10_000_000u64 {
        let n = n as f64;
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        sum += term;
        let q = ratio.max(z);
        if q < 1.0 && term * q / (1.0 - q) < 1e-15 * sum {
            return sum;
        }
    }
    panic!("2F1({a}, {b}; {c}; {z}) did not converge");
}

/// BG/NBD expected number of repeat purchases in (0, t] of a new customer
/// (Fader, Hardie & Lee 2005, eq. 9), with λ ~ Gamma(shape r, rate α) and
/// p ~ Beta(a, b), a > 1:
/// E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
fn bgnbd_expected(r: f64, alpha: f64, a: f64, b: f64, t: f64) -> f64 {
    assert!(a > 1.0);
    (a + b - 1.0) / (a - 1.0)
        * (1.0 - libm::pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1.0, t / (alpha + t)))
}

/// BG/NBD chance that a new customer has not dropped out by time τ.
/// Given (λ, p) it survives n purchases with chance (1−p)^n, so
/// P = E[(1−p)^N(τ)] = E[exp(−λpτ)] = E_p[(α/(α+pτ))^r] = 2F1(r, a; a+b; −τ/α),
/// which Pfaff's transformation turns into a convergent series:
/// P = (α/(α+τ))^r · 2F1(r, b; a+b; τ/(α+τ)).
fn bgnbd_alive(r: f64, alpha: f64, a: f64, b: f64, tau: f64) -> f64 {
    libm::pow(alpha / (alpha + tau), r) * hyp2f1(r, b, a + b, tau / (alpha + tau))
}

/// ∫₀¹ f(p) Beta(p; a, b) dp by the midpoint rule (a, b ≥ 1: no singularity),
/// an independent check of the closed forms above.
fn beta_average(a: f64, b: f64, f: impl Fn(f64) -> f64) -> f64 {
    let n = 400_000;
    let ln_b = libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b);
    let h = 1.0 / n as f64;
    (0..n)
        .map(|i| {
            let p = (i as f64 + 0.5) * h;
            f(p) * libm::exp((a - 1.0) * libm::log(p) + (b - 1.0) * libm::log(1.0 - p) - ln_b)
        })
        .sum::<f64>()
        * h
}

/// sBG survival: the chance that a subscriber with θ ~ Beta(a, b) has not churned
/// after n payments, S(n) = E[(1−θ)^n] = B(a, b+n) / B(a, b), through ln Γ.
fn sbg_survival(a: f64, b: f64, n: u32) -> f64 {
    let n = f64::from(n);
    libm::exp(libm::lgamma(b + n) + libm::lgamma(a + b) - libm::lgamma(b) - libm::lgamma(a + b + n))
}

#[test]
fn closed_forms_agree_with_direct_integration() {
    // E[X(t) | λ, p] = (1 − e^(−λpt)) / p; averaged over λ: (1 − (α/(α+pt))^r) / p.
    for &(r, alpha, a, b, t) in &[
        (1.0, 10.0, 2.0, 8.0, 30.0),
        (0.5, 15.0, 1.5, 3.5, 364.0),
        (3.0, 15.0, 3.0, 27.0, 180.0),
        (2.0, 120.0, 1.25, 1.25, 730.0),
    ] {
        let direct = beta_average(a, b, |p: f64| {
            (1.0 - libm::pow(alpha / (alpha + p * t), r)) / p
        });
        let closed = bgnbd_expected(r, alpha, a, b, t);
        assert!(
            ((closed - direct) / direct).abs() < 1e-6,
            "E[X({t})] r={r} α={alpha} a={a} b={b}: closed {closed} vs integral {direct}"
        );
        let direct = beta_average(a, b, |p: f64| libm::pow(alpha / (alpha + p * t), r));
        let closed = bgnbd_alive(r, alpha, a, b, t);
        assert!(
            ((closed - direct) / direct).abs() < 1e-6,
            "P(alive {t}) r={r} α={alpha} a={a} b={b}: closed {closed} vs integral {direct}"
        );
    }
    // With no heterogeneity in p (b large, a/(a+b) = p fixed) and λ fixed (r large),
    // E[X(t)] → (1 − e^(−λpt)) / p.
    let (lam, p, t) = (0.1, 0.2, 30.0);
    let (r, a) = (1e5, 2e4);
    let b = a * (1.0 - p) / p;
    let e = bgnbd_expected(r, r / lam, a, b, t);
    let limit = (1.0 - libm::exp(-lam * p * t)) / p;
    assert!(((e - limit) / limit).abs() < 1e-3, "{e} vs {limit}");
    // sBG: ln Γ form against the product Π (b+k)/(a+b+k).
    let (a, b) = (0.3, 1.7);
    let mut prod = 1.0;
    for n in 0..40 {
        assert!((sbg_survival(a, b, n) - prod).abs() < 1e-12);
        prod *= (b + f64::from(n)) / (a + b + f64::from(n));
    }
}

// ---------------------------------------------------------------------------
// Repeat purchases: BG/NBD
// ---------------------------------------------------------------------------

struct BgNbdCase {
    purchases_per_month: f64,
    rate_shape: f64,
    dropout_mean: f64,
    dropout_concentration: f64,
    horizon: u32,
}

#[test]
fn repeat_purchases_match_bgnbd_expectation() {
    // Everyone buys the entry offer on day 0; repeat purchases start at the start of
    // day 1 and those at or after the horizon h are dropped, so each repeat customer
    // is observed over exactly T = h − 1 days.
    //
    // Engine parameters → BG/NBD parameters: λ ~ Gamma(shape r = rate_shape,
    // mean purchases_per_month / 30 per day), i.e. rate α = 30 r / purchases_per_month
    // (in days); p ~ Beta(a, b) with a = mean·conc, b = (1 − mean)·conc.
    let cases = [
        // Short horizon, frequent buyers: one day is ~3% of E[X], so it would catch
        // purchases starting on day t instead of t + 1 (see the power check below).
        BgNbdCase {
            purchases_per_month: 3.0,
            rate_shape: 1.0,
            dropout_mean: 0.2,
            dropout_concentration: 10.0,
            horizon: 31,
        },
        // Strongly heterogeneous rates (r = 0.5), a year.
        BgNbdCase {
            purchases_per_month: 1.0,
            rate_shape: 0.5,
            dropout_mean: 0.3,
            dropout_concentration: 5.0,
            horizon: 365,
        },
        // Nearly homogeneous rates, rare dropout.
        BgNbdCase {
            purchases_per_month: 6.0,
            rate_shape: 3.0,
            dropout_mean: 0.1,
            dropout_concentration: 30.0,
            horizon: 181,
        },
        // a close to 1 (many customers who almost never drop out), two years.
        BgNbdCase {
            purchases_per_month: 0.5,
            rate_shape: 2.0,
            dropout_mean: 0.5,
            dropout_concentration: 2.5,
            horizon: 731,
        },
    ];
    let (trials, visitors) = (50u64, 8000.0);
    for (i, c) in cases.iter().enumerate() {
        let start = Instant::now();
        let mut v = base(c.horizon, visitors, 1);
        v["repeat"] = json!({
            "customers_of": "entry", "price": 10.0, "unit_cost": 4.0,
            "purchases_per_month": c.purchases_per_month, "rate_shape": c.rate_shape,
            "dropout_after_purchase": c.dropout_mean,
            "dropout_concentration": c.dropout_concentration
        });
        let p = plan(v, trials, 1000 + i as u64);
        let outs = outcomes(&p);
        let (r, alpha) = (c.rate_shape, 30.0 * c.rate_shape / c.purchases_per_month);
        let a = c.dropout_mean * c.dropout_concentration;
        let b = (1.0 - c.dropout_mean) * c.dropout_concentration;
        let t_obs = f64::from(c.horizon - 1);

        let mut customers = 0u64;
        for o in &outs {
            assert!(!o.capped);
            assert_eq!(
                o.repeat_customers, o.customers,
                "every customer is a repeat customer"
            );
            assert_eq!(o.repeat_revenue, 10.0 * o.repeat_purchases as f64);
            assert_eq!(o.money.unit_costs, 4.0 * o.repeat_purchases as f64);
            assert_eq!(o.winback_attempts, 0);
            customers += o.repeat_customers;
        }
        assert!(customers >= 100_000, "{customers} customers");
        let num: Vec<f64> = outs.iter().map(|o| o.repeat_purchases as f64).collect();
        let den: Vec<f64> = outs.iter().map(|o| o.repeat_customers as f64).collect();
        let (mean, se) = ratio_with_se(&num, &den);
        let expected = bgnbd_expected(r, alpha, a, b, t_obs);
        let rel = (mean - expected) / expected;
        println!(
            "BG/NBD case {i}: r={r} α={alpha} a={a} b={b} T={t_obs}: {customers} customers, \
             E[X] simulated {mean:.5} ± {se:.5} vs closed form {expected:.5} \
             ({:+.3}%, {:+.2} SE)",
            100.0 * rel,
            (mean - expected) / se
        );
        assert!(rel.abs() < 0.01, "case {i}: off by {:.3}%", 100.0 * rel);
        assert!(
            (mean - expected).abs() < 4.0 * se,
            "case {i}: off by {:.2} SE",
            (mean - expected) / se
        );
        if i == 0 {
            // Power check: had purchases started at the start of day t (T = h days of
            // observation), the expectation would be E[X(h)], which this run rejects.
            let wrong = bgnbd_expected(r, alpha, a, b, t_obs + 1.0);
            println!(
                "  (purchases from day t would give {wrong:.5}: {:+.2}%, {:+.1} SE)",
                100.0 * (mean - wrong) / wrong,
                (mean - wrong) / se
            );
            assert!(((mean - wrong) / wrong).abs() > 0.01 && (mean - wrong).abs() > 6.0 * se);
        }

        // Active repeat customers at the end of day x: those whose dropout has not
        // happened in (1, x + 1), i.e. alive after τ = x days of purchasing.
        // None at the end of day 0 (active from day 1).
        for o in &outs {
            assert_eq!(
                o.daily.active_repeat[0], 0,
                "active only from the day after"
            );
        }
        let h = c.horizon as usize;
        for x in [1, 2, 5, h / 4, h / 2, h - 1] {
            let active: u64 = outs.iter().map(|o| o.daily.active_repeat[x]).sum();
            let share = active as f64 / customers as f64;
            let expected = bgnbd_alive(r, alpha, a, b, x as f64);
            let se = (expected * (1.0 - expected) / customers as f64).sqrt();
            println!(
                "  active at end of day {x}: {share:.5} vs P(alive {x}) {expected:.5} ({:+.2} SE)",
                (share - expected) / se
            );
            assert!(
                (share - expected).abs() < 4.5 * se,
                "case {i} day {x}: active share {share} vs {expected} ({:+.2} SE)",
                (share - expected) / se
            );
        }
        println!("  ({:.2?})", start.elapsed());
    }
}

// ---------------------------------------------------------------------------
// Subscription: sBG
// ---------------------------------------------------------------------------

#[test]
fn subscriber_survival_matches_sbg() {
    // Everyone buys the entry offer on day 0 and subscribes the same day (take rate
    // 1, delay 0), so payments fall on days 0, 30, 60, … and the N-th payment is the
    // one after which the subscriber churns, P(N > n) = S(n) = B(a, b+n)/B(a, b).
    // Active at the end of day d ⇔ it has not churned at a payment on a day ≤ d ⇔
    // N ≥ floor(d/30) + 2, so the expected active share at the end of day d is
    // S(floor(d/30) + 1); at the end of day 30n − 1 it is S(n).
    // Payments within the horizon h: M = min(N, K) with K = floor((h−1)/30) + 1,
    // E[M] = Σ_{k=0}^{K−1} S(k), E[M²] = Σ_{k=1}^{K} (2k − 1) S(k − 1).
    let cases = [(0.15, 2.0, 365u32), (0.05, 20.0, 365), (0.4, 1.0, 181)];
    let (trials, visitors, price) = (20u64, 10_000.0, 29.0);
    for (i, &(churn, conc, horizon)) in cases.iter().enumerate() {
        let start = Instant::now();
        let mut v = base(horizon, visitors, 1);
        v["subscription"] = json!({
            "offered_to": "entry", "take_rate": 1.0, "delay_days": 0.0,
            "monthly_price": price, "monthly_unit_cost": 3.0,
            "monthly_churn": churn, "churn_concentration": conc
        });
        let p = plan(v, trials, 2000 + i as u64);
        let outs = outcomes(&p);
        let (a, b) = (churn * conc, (1.0 - churn) * conc);
        let h = horizon as usize;

        let mut subs = 0u64;
        let mut payments = 0u64;
        for o in &outs {
            assert!(!o.capped);
            assert_eq!(
                o.subscribers, o.customers,
                "take rate 1: every customer subscribes"
            );
            assert_eq!(
                o.subscription_revenue,
                price * o.subscription_payments as f64
            );
            assert_eq!(o.money.unit_costs, 3.0 * o.subscription_payments as f64);
            for d in 0..h {
                // MRR = active subscribers × monthly price.
                assert_eq!(o.daily.mrr[d], price * o.daily.active_subscribers[d] as f64);
                // Nobody joins or leaves between payment days.
                assert_eq!(
                    o.daily.active_subscribers[d],
                    o.daily.active_subscribers[d - d % 30]
                );
            }
            subs += o.subscribers;
            payments += o.subscription_payments;
        }
        assert!(subs >= 100_000);
        println!("sBG case {i}: a={a} b={b} horizon {h}: {subs} subscribers");
        let mut days: Vec<usize> = (1..).map(|n| 30 * n - 1).take_while(|&d| d < h).collect();
        days.extend([0, h - 1]);
        for d in days {
            let n = (d / 30 + 1) as u32;
            let active: u64 = outs.iter().map(|o| o.daily.active_subscribers[d]).sum();
            let share = active as f64 / subs as f64;
            let s = sbg_survival(a, b, n);
            let se = (s * (1.0 - s) / subs as f64).sqrt();
            println!(
                "  end of day {d:3}: active {share:.5} vs S({n}) = {s:.5} ({:+.2} SE)",
                (share - s) / se
            );
            assert!(
                (share - s).abs() < 4.0 * se,
                "case {i} day {d}: active share {share} vs S({n}) = {s}"
            );
        }
        let k = ((h - 1) / 30 + 1) as u32;
        let mean_m: f64 = (0..k).map(|j| sbg_survival(a, b, j)).sum();
        let mean_m2: f64 = (1..=k)
            .map(|j| f64::from(2 * j - 1) * sbg_survival(a, b, j - 1))
            .sum();
        let se = ((mean_m2 - mean_m * mean_m) / subs as f64).sqrt();
        let got = payments as f64 / subs as f64;
        println!(
            "  payments per subscriber {got:.5} vs Σ S(k), k < {k}: {mean_m:.5} ({:+.2} SE) ({:.2?})",
            (got - mean_m) / se,
            start.elapsed()
        );
        assert!((got - mean_m).abs() < 4.0 * se);
        assert!(((got - mean_m) / mean_m).abs() < 0.01);
    }
}

// ---------------------------------------------------------------------------
// Win-back: hand-worked cases
// ---------------------------------------------------------------------------

/// A repeat stage where every customer buys a few hundred-thousandths of a day
/// after becoming active (mean rate 10⁵ purchases a day, rate_shape 1000 so every
/// λ is within a few % of it: the chance that a wait reaches a whole day is
/// about e^(−10⁵)) and drops out after that purchase (dropout mean 1 is exactly 1).
fn instant_dropout(horizon: u32, visitors: f64, detect: u32, success: f64) -> Value {
    let mut v = base(horizon, visitors, 1);
    v["repeat"] = json!({
        "customers_of": "entry", "price": 7.0, "unit_cost": 3.0,
        "purchases_per_month": 3.0e6, "rate_shape": 1000.0,
        "dropout_after_purchase": 1.0, "dropout_concentration": 4.0,
        "winback": {"detect_days": detect, "success_rate": success, "cost_per_attempt": 2.5}
    });
    v
}

#[test]
fn winback_always_succeeds_hand_worked() {
    // Horizon 45, detect_days 10, success 1. Each customer (entry purchase day 0):
    //   active from the start of day 1 → buys on day 1 → drops out → attempt on day
    //   1 + 10 = 11, succeeds → active from the start of day 11 → buys on day 11 →
    //   drops out → attempt day 21 → … → buys on day 41 → drops out → the attempt
    //   would be on day 51 ≥ 45: dropped.
    // So per customer: purchases on days 1, 11, 21, 31, 41 (5), attempts and
    // win-backs on days 11, 21, 31, 41 (4 each); win-back cost 4 × 2.5 = 10;
    // repeat revenue 5 × 7 = 35; unit costs 5 × 3 = 15. Had a won-back customer
    // restarted at day w + 1 instead of w, it would buy on days 1, 12, 23, 34 and
    // make 3 attempts (12, 23, 34; 45 is dropped).
    // Active at the end of any day: never (active from the start of its purchase day
    // until that same day, which is not counted).
    let p = plan(instant_dropout(45, 300.0, 10, 1.0), 5, 31);
    let purchase_days = [1usize, 11, 21, 31, 41];
    let attempt_days = [11usize, 21, 31, 41];
    for o in outcomes(&p) {
        let n = o.customers;
        assert!(n > 200);
        assert_eq!(o.repeat_customers, n);
        assert_eq!(o.repeat_purchases, 5 * n);
        assert_eq!(o.winback_attempts, 4 * n);
        assert_eq!(o.winbacks, 4 * n);
        let nf = n as f64;
        assert_eq!(o.money.winback, 10.0 * nf);
        assert_eq!(o.repeat_revenue, 35.0 * nf);
        assert_eq!(o.money.unit_costs, 15.0 * nf);
        for d in 0..45 {
            let bought = purchase_days.iter().filter(|&&x| x <= d).count() as f64;
            let tried = attempt_days.iter().filter(|&&x| x <= d).count() as f64;
            // Entry purchase (price 1) on day 0, then 7 per repeat purchase.
            assert_eq!(o.daily.cum_revenue[d], nf * (1.0 + 7.0 * bought), "day {d}");
            assert_eq!(
                o.daily.cum_cost[d],
                nf * (3.0 * bought + 2.5 * tried),
                "day {d}"
            );
            assert_eq!(o.daily.active_repeat[d], 0, "day {d}");
        }
        assert_eq!(o.cltv(), Some(1.0 + 35.0 - 15.0 - 10.0));
    }
}

#[test]
fn winback_never_succeeds_and_the_horizon_cuts_attempts() {
    // Success 0, detect_days 10: each customer buys on day 1, drops out, and gets one
    // attempt on day 11 that fails. With horizon 12 day 11 is the last day: one
    // attempt per customer. With horizon 11 the attempt falls on the horizon: none.
    for (horizon, attempts_each) in [(12u32, 1u64), (11, 0), (40, 1)] {
        let p = plan(instant_dropout(horizon, 500.0, 10, 0.0), 4, 32);
        for o in outcomes(&p) {
            let n = o.customers;
            assert!(n > 300);
            assert_eq!(o.repeat_purchases, n);
            assert_eq!(o.winback_attempts, attempts_each * n, "horizon {horizon}");
            assert_eq!(o.winbacks, 0);
            assert_eq!(o.money.winback, 2.5 * (attempts_each * n) as f64);
            let h = horizon as usize;
            let cost_before = o.daily.cum_cost[10];
            assert_eq!(
                cost_before,
                3.0 * n as f64,
                "only the day-1 unit costs by day 10"
            );
            assert_eq!(o.daily.cum_cost[h - 1], cost_before + o.money.winback);
        }
    }
}

#[test]
fn winback_half_success_hand_worked_distribution() {
    // Horizon 45, detect_days 10, success ½. Attempts can fall on days 11, 21, 31, 41
    // (at most K = 4), each reached only if every earlier one succeeded. The number
    // of win-backs W of a customer: P(W = k) = ½^(k+1) for k = 0..3, P(W = 4) = ½⁴.
    // Attempts A = min(W + 1, 4); purchases = 1 + W.
    //   E[W] = ½ + ¼ + ⅛ + 1/16 = 0.9375, E[A] = 1 + ½ + ¼ + ⅛ = 1.875,
    //   E[purchases] = 1.9375, win-back cost per customer 2.5 × 1.875 = 4.6875.
    let mut pw = [0.0f64; 5];
    for (k, w) in pw.iter_mut().enumerate() {
        *w = if k < 4 {
            libm::exp2(-(k as f64 + 1.0))
        } else {
            1.0 / 16.0
        };
    }
    let moments = |f: &dyn Fn(usize) -> f64| {
        let m: f64 = (0..5).map(|k| pw[k] * f(k)).sum();
        let m2: f64 = (0..5).map(|k| pw[k] * f(k) * f(k)).sum();
        (m, m2 - m * m)
    };
    let (ew, vw) = moments(&|k| k as f64);
    let (ea, va) = moments(&|k| (k + 1).min(4) as f64);
    assert_eq!(ew, 0.9375);
    assert_eq!(ea, 1.875);

    let p = plan(instant_dropout(45, 20_000.0, 10, 0.5), 10, 33);
    let outs = outcomes(&p);
    let n: u64 = outs.iter().map(|o| o.customers).sum();
    let w: u64 = outs.iter().map(|o| o.winbacks).sum();
    let a: u64 = outs.iter().map(|o| o.winback_attempts).sum();
    let purchases: u64 = outs.iter().map(|o| o.repeat_purchases).sum();
    assert_eq!(
        purchases,
        n + w,
        "one purchase at start and one per win-back"
    );
    for o in &outs {
        assert_eq!(o.money.winback, 2.5 * o.winback_attempts as f64);
        assert!(o.daily.active_repeat.iter().all(|&x| x == 0));
    }
    let nf = n as f64;
    let (gw, ga) = (w as f64 / nf, a as f64 / nf);
    let (sw, sa) = ((vw / nf).sqrt(), (va / nf).sqrt());
    println!(
        "win-back ½: {n} customers, win-backs {gw:.5} vs {ew} ({:+.2} SE), attempts {ga:.5} vs {ea} ({:+.2} SE)",
        (gw - ew) / sw,
        (ga - ea) / sa
    );
    assert!((gw - ew).abs() < 4.0 * sw);
    assert!((ga - ea).abs() < 4.0 * sa);
}

#[test]
fn repeat_customers_are_active_from_the_day_after_until_the_horizon() {
    // No purchases at all (purchases_per_month 0): a repeat customer never drops out,
    // so it is active from the day after its qualifying purchase to the end. With
    // customers arriving on days 0..4 and a quarter of entry purchases refunded
    // (refunded buyers are not repeat customers), the active count at the end of day
    // x is the number of kept buyers of days < x, which the cumulative revenue (price
    // 1, refunds paid back the same day) of day x − 1 gives exactly.
    let mut v = base(10, 200.0, 5);
    v["offers"][0]["refund_rate"] = json!(0.25);
    v["repeat"] = json!({
        "customers_of": "entry", "price": 7.0, "unit_cost": 3.0,
        "purchases_per_month": 0.0, "rate_shape": 1.0,
        "dropout_after_purchase": 0.3, "dropout_concentration": 4.0,
        "winback": {"detect_days": 1, "success_rate": 0.5, "cost_per_attempt": 2.5}
    });
    let p = plan(v, 6, 34);
    for o in outcomes(&p) {
        let kept = o.offers[0].buyers - o.offers[0].refunds;
        assert!(o.offers[0].refunds > 0);
        assert_eq!(o.customers, kept);
        assert_eq!(o.repeat_customers, kept);
        assert_eq!(o.repeat_purchases, 0);
        assert_eq!(o.winback_attempts, 0);
        assert_eq!(o.daily.active_repeat[0], 0);
        for x in 1..10 {
            assert_eq!(
                o.daily.active_repeat[x] as f64,
                o.daily.cum_revenue[x - 1],
                "day {x}"
            );
        }
        assert_eq!(o.daily.active_repeat[9], kept);
    }
}

// ---------------------------------------------------------------------------
// Referrals: the runaway loop and a sub-critical one
// ---------------------------------------------------------------------------

fn referrals(fan: f64, per_fan: f64, promoter: f64, per_promoter: f64) -> Value {
    json!({
        "customers_of": "entry", "fan_rate": fan, "leads_per_fan": per_fan,
        "promoter_rate": promoter, "leads_per_promoter": per_promoter,
        "reward_per_referred_buyer": 2.0, "window_days": 30,
        "referred_conversion_multiplier": 1.0
    })
}

#[test]
fn runaway_referral_loop_finishes_at_the_caps_with_a_warning() {
    // Every customer is a fan who brings Poisson(5) leads within 30 days, and every
    // referred lead buys on arrival: each customer brings 5 new customers, so the
    // number of customers grows about 5× every ~15 days — without caps, to ~10¹⁶
    // in a year. Repeat customers and subscribers are simulated one by one, so
    // the run must stop at the caps and say so.
    let mut v = base(365, 100.0, 1);
    v["referrals"] = referrals(1.0, 5.0, 0.0, 0.0);
    v["repeat"] = json!({
        "customers_of": "entry", "price": 10.0, "unit_cost": 4.0,
        "purchases_per_month": 1.0, "rate_shape": 1.0,
        "dropout_after_purchase": 0.2, "dropout_concentration": 4.0,
        "winback": {"detect_days": 30, "success_rate": 0.2, "cost_per_attempt": 1.0}
    });
    v["subscription"] = json!({
        "offered_to": "entry", "take_rate": 0.5, "delay_days": 3.0,
        "monthly_price": 29.0, "monthly_unit_cost": 3.0,
        "monthly_churn": 0.1, "churn_concentration": 4.0
    });
    let p = plan(v, 3, 41);
    let g = stats::growth_per_customer(p.scenario()).expect("referrals exist");
    assert!((g - 5.0).abs() < 1e-12, "growth {g}");

    let start = Instant::now();
    let summary = stats::run(&p);
    let elapsed = start.elapsed();
    println!(
        "runaway: 3 trials in {elapsed:.2?}; warnings: {:#?}",
        summary.warnings
    );
    assert!(elapsed.as_secs() < 120, "the runaway run took {elapsed:?}");
    assert_eq!(summary.capped_trials, 3);
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("Each customer brings 5.00 new customers")),
        "{:?}",
        summary.warnings
    );
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains(&MAX_INDIVIDUALS_PER_TRIAL.to_string()) && w.contains("cap")),
        "{:?}",
        summary.warnings
    );
    for name in [
        Metric::Profit,
        Metric::Revenue,
        Metric::Cost,
        Metric::Cltv,
        Metric::Cac,
        Metric::Roi,
        Metric::Customers,
    ] {
        let s = summary.stats(name);
        let mean = s.mean.unwrap_or_else(|| panic!("{name} undefined"));
        assert!(mean.is_finite(), "{name}: {mean}");
    }
    for t in 0..3 {
        let o = p.trial(t);
        assert!(o.capped);
        assert!(o.repeat_customers + o.subscribers <= MAX_INDIVIDUALS_PER_TRIAL);
        assert!(o.referred_leads <= MAX_REFERRED_LEADS_PER_TRIAL);
        assert!(o.referred_customers > 1000 * o.channels[0].customers);
        assert!(o.profit().is_finite() && o.daily.cum_profit.iter().all(|x| x.is_finite()));
        println!(
            "  trial {t}: {} paid customers, {} referred customers, {} referred leads, \
             {} repeat customers, {} subscribers, profit {:.3e}",
            o.channels[0].customers,
            o.referred_customers,
            o.referred_leads,
            o.repeat_customers,
            o.subscribers,
            o.profit()
        );
    }
}

#[test]
fn subcritical_referral_loop_gives_no_warning_and_the_branching_total() {
    // Each customer brings 0.2 × 2 + 0.1 × 3 = 0.7 leads on average, each of whom
    // buys on arrival: growth 0.7 < 1. Over a long horizon the chains die out; a
    // paid customer's descendants number 0.7 + 0.7² + … = 0.7 / 0.3 on average.
    let mut v = base(3650, 2000.0, 1);
    v["referrals"] = referrals(0.2, 2.0, 0.1, 3.0);
    let p = plan(v, 60, 42);
    let g = stats::growth_per_customer(p.scenario()).expect("referrals exist");
    assert!((g - 0.7).abs() < 1e-12, "growth {g}");
    let summary = stats::run(&p);
    assert_eq!(summary.capped_trials, 0);
    assert!(
        !summary
            .warnings
            .iter()
            .any(|w| w.contains("Each customer brings")),
        "{:?}",
        summary.warnings
    );
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let outs = outcomes(&p);
    let num: Vec<f64> = outs.iter().map(|o| o.referred_customers as f64).collect();
    let den: Vec<f64> = outs
        .iter()
        .map(|o| o.channels[0].customers as f64)
        .collect();
    let (ratio, se) = ratio_with_se(&num, &den);
    let expected = g / (1.0 - g);
    println!(
        "sub-critical loop: referred per paid customer {ratio:.4} ± {se:.4} vs {expected:.4} ({:+.2} SE)",
        (ratio - expected) / se
    );
    assert!((ratio - expected).abs() < 4.0 * se);
    for o in &outs {
        assert_eq!(o.customers, o.channels[0].customers + o.referred_customers);
        assert_eq!(
            o.referred_leads, o.referred_customers,
            "every referred lead buys"
        );
        // Rewards: 2 per buyer brought by a promoter; at most every referred buyer.
        assert!(o.money.referral_rewards <= 2.0 * o.referred_customers as f64);
    }
}
