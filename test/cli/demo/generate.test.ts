import { strict as assert } from 'node:assert';
import { generateDemo, isPracticeHoliday, paymentBatches, type DemoModel } from '../../../cli/demo/generate';
import { BASE_ALLOWED_CENTS, PAYERS, PROCEDURES } from '../../../cli/demo/practice';

/** Minutes between two YYYY-MM-DDTHH:MM:SS texts, computed here with Date.UTC. */
const minutes = (a: string, b: string) => (Date.parse(`${b}Z`) - Date.parse(`${a}Z`)) / 60_000;

describe('cli/demo/generate', () => {
  let model: DemoModel;
  before(() => {
    model = generateDemo();
  });

  describe('generateDemo', () => {
    it('makes a 10-provider, 24-month practice of 40–60 thousand charge lines ending at the export date', () => {
      const lines = model.claims.reduce((n, c) => n + c.lines.length, 0);
      assert.ok(lines >= 40_000 && lines <= 60_000, `${lines} lines`);
      assert.equal(model.firstDay, '2024-11-01');
      assert.equal(model.asOf, '2026-10-31');
      assert.ok(model.claims.every((c) => c.serviceDate >= model.firstDay && c.serviceDate <= model.asOf));
      assert.ok(model.claims.every((c) => c.postDate >= c.serviceDate && c.postDate <= model.asOf), 'charges posted by the export date');
      assert.ok(model.transactions.every((t) => t.postDate <= model.asOf), 'nothing posted after the export date');
    });

    it('balances every remitted line: charge = paid + Σ adjustments, allowed = paid + PR + sequestration', () => {
      let checked = 0;
      for (const c of model.claims) {
        for (const a of c.adjudications) {
          for (const line of a.lines) {
            const adjustments = line.adjustments.reduce((s, x) => s + x.amountCents, 0);
            assert.equal(line.chargeCents, line.paidCents + adjustments, `${c.claimId}/${line.lineNumber}`);
            const pr = line.adjustments.filter((x) => x.group === 'PR').reduce((s, x) => s + x.amountCents, 0);
            const seq = line.adjustments.filter((x) => x.carc === '253').reduce((s, x) => s + x.amountCents, 0);
            assert.equal(line.allowedCents, line.paidCents + pr + seq);
            assert.equal(line.patientResponsibilityCents, pr);
            assert.ok(line.paidCents >= 0 && line.allowedCents <= line.chargeCents);
            checked++;
          }
        }
      }
      assert.ok(checked > 30_000);
    });

    it('never posts more payments and adjustments to a line than its charge', () => {
      const charge = new Map<string, number>();
      for (const c of model.claims) for (const l of c.lines) charge.set(`${c.claimId}/${l.lineNumber}`, l.chargeCents);
      const credited = new Map<string, number>();
      for (const t of model.transactions) {
        assert.ok(t.amountCents >= 0, `${t.transactionId} ${t.amountCents}`);
        if (t.type === 'transfer') continue;
        const k = `${t.claimId}/${t.lineNumber}`;
        credited.set(k, (credited.get(k) ?? 0) + t.amountCents);
      }
      let closed = 0;
      for (const [k, amount] of credited) {
        const c = charge.get(k);
        assert.ok(c !== undefined, k);
        assert.ok(amount <= c, `${k}: ${amount} credited against a charge of ${c}`);
        if (amount === c) closed++;
      }
      // Most lines are settled; some stay open (recent claims, unpaid patient balances, open denials).
      assert.ok(closed > charge.size * 0.6 && closed < charge.size, `${closed} of ${charge.size} closed`);
    });

    it('pays every line at the contract rate computed here from the base amounts, except the lines kept as underpayment truth', () => {
      const payers = new Map(PAYERS.map((p) => [p.payerId, p]));
      const charges = new Map(PROCEDURES.map((p) => [p.code, p.chargeCents]));
      const truth = new Map(model.truth.underpayments.map((u) => [`${u.claimId}/${u.lineNumber}/${u.paidOn}`, u]));
      let underpaid = 0;
      for (const c of model.claims) {
        const payer = payers.get(c.payerId);
        assert.ok(payer);
        for (const a of c.adjudications) {
          for (const line of a.lines) {
            if (line.allowedCents === 0 && line.paidCents === 0 && line.adjustments.length === 1 && line.adjustments[0]?.carc !== '45') continue; // denied
            const percent = payer.contract.codePercent?.[line.procedureCode] ?? payer.contract.percentOfBase;
            const base = BASE_ALLOWED_CENTS[line.procedureCode] ?? NaN;
            const contract = Math.min(line.units * (charges.get(line.procedureCode) ?? NaN), Math.round((base * percent * line.units) / 100));
            const t = truth.get(`${c.claimId}/${line.lineNumber}/${a.paidOn}`);
            if (t === undefined) assert.equal(line.allowedCents, contract, `${c.claimId}/${line.lineNumber} ${line.procedureCode} ${payer.name}`);
            else {
              underpaid++;
              assert.equal(t.contractAllowedCents, contract);
              assert.equal(t.allowedCents, line.allowedCents);
              assert.equal(t.shortfallCents, contract - line.allowedCents);
              assert.ok(t.shortfallCents > 0);
              assert.ok(payer.underpayments.some((u) => u.code === line.procedureCode && c.serviceDate >= u.from));
            }
          }
        }
      }
      assert.equal(underpaid, model.truth.underpayments.length);
      assert.ok(underpaid > 100);
    });

    it('keeps denial truth that matches the remits and the ledger', () => {
      assert.ok(model.truth.denials.length > 500);
      const claims = new Map(model.claims.map((c) => [c.claimId, c]));
      const outcomes = new Set<string>();
      const postings = new Map<string, (typeof model.transactions)[number][]>();
      for (const t of model.transactions) {
        const k = `${t.claimId}/${t.lineNumber}`;
        postings.set(k, [...(postings.get(k) ?? []), t]);
      }
      for (const d of model.truth.denials) {
        outcomes.add(d.outcome);
        const claim = claims.get(d.claimId);
        assert.ok(claim);
        const first = claim.adjudications[0]?.lines.find((l) => l.lineNumber === d.lineNumber);
        assert.deepEqual(first?.adjustments, [{ group: d.group, carc: d.carc, amountCents: d.chargeCents }]);
        assert.equal(first?.paidCents, 0);
        const rows = postings.get(`${d.claimId}/${d.lineNumber}`) ?? [];
        assert.ok(rows.some((t) => t.type === 'adjustment' && t.reasonCode === d.carc && t.amountCents === 0 && t.postDate === d.deniedOn), 'zero-pay denial posting');
        if (d.outcome === 'overturned') {
          const second = claim.adjudications[1]?.lines.find((l) => l.lineNumber === d.lineNumber);
          assert.ok(second !== undefined && second.allowedCents > 0 && claim.adjudications[1]?.paidOn === d.resolvedOn);
        } else if (d.outcome === 'written_off') {
          const patientPaid = rows.filter((t) => t.type === 'payment' && t.paymentSource === 'patient' && t.postDate <= d.deniedOn).reduce((s, t) => s + t.amountCents, 0);
          assert.ok(rows.some((t) => t.type === 'adjustment' && t.reasonCode === d.carc && t.amountCents === d.chargeCents - patientPaid && t.postDate === d.resolvedOn));
        } else assert.equal(claim.adjudications.length, 1);
      }
      assert.deepEqual([...outcomes].sort(), ['open', 'overturned', 'written_off']);
    });

    it('keeps no-shows between 5 % and 12 % of past appointments, more for Medicaid than commercial', () => {
      const past = model.appointments.filter((a) => a.status !== 'scheduled');
      const rate = (list: typeof past) => list.filter((a) => a.status === 'no_show').length / list.length;
      const all = rate(past);
      assert.ok(all >= 0.05 && all <= 0.12, `no-show rate ${all}`);
      assert.ok(rate(past.filter((a) => a.payerClass === 'medicaid')) > rate(past.filter((a) => a.payerClass === 'commercial')));
      const cancelled = past.filter((a) => a.status === 'cancelled').length / past.length;
      const late = past.filter((a) => a.status === 'late_cancel').length / past.length;
      assert.ok(cancelled > 0.04 && cancelled < 0.12 && late > 0.01 && late < 0.06, `cancelled ${cancelled}, late ${late}`);
    });

    it('orders every appointment\'s times: booked ≤ scheduled; arrived ≤ roomed ≤ seen ≤ checked out, wait 5–30 and cycle 35–70 minutes', () => {
      for (const a of model.appointments) {
        assert.ok(a.bookedAt <= a.scheduledFor, a.appointmentId);
        if (a.status === 'completed') {
          const { arrivedAt, roomedAt, seenAt, checkedOutAt } = a;
          assert.ok(arrivedAt && roomedAt && seenAt && checkedOutAt, a.appointmentId);
          assert.ok(arrivedAt <= roomedAt && roomedAt <= seenAt && seenAt <= checkedOutAt, a.appointmentId);
          const wait = minutes(arrivedAt, roomedAt);
          const cycle = minutes(arrivedAt, checkedOutAt);
          assert.ok(wait >= 5 && wait <= 30, `${a.appointmentId} wait ${wait}`);
          assert.ok(cycle >= 35 && cycle <= 70, `${a.appointmentId} cycle ${cycle}`);
        } else {
          assert.equal(a.arrivedAt, undefined);
        }
        if (a.status === 'cancelled') assert.ok(a.cancelledAt !== undefined && minutes(a.cancelledAt, a.scheduledFor) >= 24 * 60 && a.cancelledAt >= a.bookedAt);
        if (a.status === 'late_cancel') assert.ok(a.cancelledAt !== undefined && minutes(a.cancelledAt, a.scheduledFor) < 24 * 60 && a.cancelledAt >= a.bookedAt);
      }
    });

    it('lists appointments after the export date as scheduled, booked by that date, and none before it', () => {
      const future = model.appointments.filter((a) => a.scheduledFor.slice(0, 10) > model.asOf);
      assert.ok(future.length > 100);
      for (const a of future) {
        assert.equal(a.status, 'scheduled');
        assert.ok(a.bookedAt.slice(0, 10) <= model.asOf);
      }
      assert.ok(model.appointments.filter((a) => a.status === 'scheduled').every((a) => a.scheduledFor.slice(0, 10) > model.asOf));
    });

    it('follows the seasons: flu vaccines only September–December, more respiratory visits in winter, an August dip, no holiday visits', () => {
      const byMonth = new Map<number, { visits: number; respiratory: number }>();
      for (const c of model.claims) {
        const month = Number(c.serviceDate.slice(5, 7));
        if (c.lines.some((l) => l.procedureCode === '90686')) assert.ok(month >= 9, `flu vaccine on ${c.serviceDate}`);
        assert.ok(!isPracticeHoliday(c.serviceDate) && ![0, 6].includes(new Date(`${c.serviceDate}T00:00:00Z`).getUTCDay()), c.serviceDate);
        const m = byMonth.get(month) ?? { visits: 0, respiratory: 0 };
        m.visits++;
        if (c.diagnosisCodes.some((d) => ['J06.9', 'J02.9', 'J20.9', 'R05.9'].includes(d))) m.respiratory++;
        byMonth.set(month, m);
      }
      const share = (m: number) => (byMonth.get(m)?.respiratory ?? 0) / (byMonth.get(m)?.visits ?? 1);
      assert.ok(share(1) > 2 * share(7), `January ${share(1)} vs July ${share(7)}`);
      const visits = (m: number) => byMonth.get(m)?.visits ?? 0;
      assert.ok(visits(8) < 0.95 * ((visits(6) + visits(7)) / 2), `August ${visits(8)}, June ${visits(6)}, July ${visits(7)}`);
      assert.ok(!model.claims.some((c) => c.serviceDate.endsWith('-12-25') || c.serviceDate.endsWith('-07-04')));
    });

    it('mixes new and established patients, and every patient id is a practice account number', () => {
      const share = model.encounters.filter((e) => e.newPatient).length / model.encounters.length;
      assert.ok(share > 0.03 && share < 0.2, `new-patient share ${share}`);
      for (const p of model.patients) assert.match(p.patientId, /^A\d{7}$/);
    });

    it('is identical for the same seed and different for another', () => {
      const small = { months: 2, providers: 8 } as const;
      assert.deepEqual(generateDemo({ ...small, seed: 3 }).transactions, generateDemo({ ...small, seed: 3 }).transactions);
      assert.notDeepEqual(generateDemo({ ...small, seed: 3 }).claims, generateDemo({ ...small, seed: 4 }).claims);
    });
  });

  describe('paymentBatches', () => {
    it('groups remits into one payment per payer and date whose amount is the sum of its paid lines', () => {
      const batches = paymentBatches(model.claims);
      let total = 0;
      for (const b of batches) {
        assert.ok(b.adjudications.every((a) => a.payerId === b.payerId && a.paidOn === b.paidOn && a.paymentId === b.paymentId));
        total += b.amountCents;
      }
      const insurancePaid = model.transactions.filter((t) => t.type === 'payment' && t.paymentSource === 'insurance').reduce((s, t) => s + t.amountCents, 0);
      assert.equal(total, insurancePaid);
    });
  });
});
