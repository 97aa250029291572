/**
 * The demo simulation: a practice's schedule, visits, claims, remittances and ledger, day by day.
 * `simulate` yields one day at a time (the bench streams a million lines through it without holding
 * them); `generateDemo` collects every day into one in-memory model (model.ts) that writers serialise.
 */
import type { Cents } from '../../core/money';
import { roundCents } from '../../core/money';
import type { CalendarDate, LocalDateTime } from '../../core/period';
import { addDays, addMonths, dayNumber, endOfMonth, fromDayNumber, weekday } from '../../core/period';
import { MONTH_FLU, MONTH_RESPIRATORY, MONTH_VOLUME, NO_SHOW_BASE, isHolidayWeek, isPracticeHoliday } from './calendar';
import { Ledger } from './ledger';
import type {
  Adjudication,
  AppointmentStatus,
  CasAdjustment,
  DemoAppointment,
  DemoClaim,
  DemoClaimLine,
  DemoDay,
  DemoEncounter,
  DemoModel,
  DemoOptions,
  DemoPatient,
  DemoTransaction,
  DenialTruth,
  LineAdjudication,
  UnderpaymentTruth,
  VisitType,
} from './model';
import { DEMO_DEFAULTS, FUTURE_DAYS } from './model';
import type { AgeBand, PayerDef, Practice, ProcedureCategory, ProviderDef } from './practice';
import { ADJUSTMENT_CODES, DENIAL_REASONS, buildPractice, contractAllowedCents, procedure, underpaymentRule } from './practice';
import { Random } from './random';

// The model's types and the calendar are part of this module's public face: writers import from here.
export * from './model';
export { isHolidayWeek, isPracticeHoliday } from './calendar';

// ---------------------------------------------------------------------------------------------
// Entry points.

/** Generates the whole demo practice in memory. Same options → same model. */
export function generateDemo(options: Partial<DemoOptions> = {}): DemoModel {
  const full: DemoOptions = { ...DEMO_DEFAULTS, ...options };
  const practice = buildPractice({ seed: full.seed, providers: full.providers });
  const simulation = new Simulation(practice, full);
  const appointments: DemoAppointment[] = [];
  const encounters: DemoEncounter[] = [];
  const claims: DemoClaim[] = [];
  const transactions: DemoTransaction[] = [];
  const denials: DenialTruth[] = [];
  const underpayments: UnderpaymentTruth[] = [];
  for (const day of simulation.days()) {
    appointments.push(...day.appointments);
    encounters.push(...day.encounters);
    claims.push(...day.claims);
    transactions.push(...day.transactions);
    denials.push(...day.denials);
    underpayments.push(...day.underpayments);
  }
  return {
    options: full,
    practice,
    firstDay: simulation.firstDay,
    asOf: simulation.asOf,
    patients: simulation.allPatients(),
    appointments,
    encounters,
    claims,
    transactions,
    truth: { denials, underpayments },
  };
}

/** Day-by-day simulation for streaming writers: nothing is kept between days except the patient panel. */
export function simulate(practice: Practice, options: DemoOptions): { firstDay: CalendarDate; asOf: CalendarDate; days: () => Generator<DemoDay> } {
  const simulation = new Simulation(practice, options);
  return { firstDay: simulation.firstDay, asOf: simulation.asOf, days: () => simulation.days() };
}

// ---------------------------------------------------------------------------------------------
// The simulation.

interface PatientState extends DemoPatient {
  seen: boolean;
  lastFluYear: number;
  deductibleUsed: Map<number, Cents>;
}

interface PlannedLine {
  readonly line: DemoClaimLine;
  readonly category: ProcedureCategory;
}

const SECONDS_PER_DAY = 86_400;

class Simulation {
  readonly firstDay: CalendarDate;
  readonly asOf: CalendarDate;
  private readonly random: Random;
  private readonly payers: Map<string, PayerDef>;
  private readonly panels = new Map<string, PatientState[]>();
  private readonly patients: PatientState[] = [];
  private seq = { patient: 10_000, appointment: 0, encounter: 0, claim: 0, transaction: 0, icn: 0 };
  private readonly dateCache = new Map<number, CalendarDate>();

  constructor(
    private readonly practice: Practice,
    private readonly options: DemoOptions,
  ) {
    this.firstDay = `${addMonths(options.endMonth, -(options.months - 1))}-01`;
    this.asOf = endOfMonth(options.endMonth);
    this.random = Random.derive(options.seed, 'simulation');
    this.payers = new Map(practice.payers.map((p) => [p.payerId, p]));
    const panelRandom = Random.derive(options.seed, 'panel');
    for (const provider of practice.providers) {
      const panel: PatientState[] = [];
      const size = Math.round(450 * provider.fte);
      for (let i = 0; i < size; i++) panel.push(this.newPatient(provider, panelRandom, true));
      this.panels.set(provider.providerId, panel);
    }
  }

  allPatients(): DemoPatient[] {
    return this.patients.map(({ patientId, ageBand, preventiveAgeDigit, payerId, hasDeductible, providerId, chronicConditions }) => ({
      patientId, ageBand, preventiveAgeDigit, payerId, hasDeductible, providerId, chronicConditions,
    }));
  }

  *days(): Generator<DemoDay> {
    const last = dayNumber(this.asOf) + FUTURE_DAYS;
    for (let d = dayNumber(this.firstDay); d <= last; d++) yield this.simulateDay(this.date(d));
  }

  private date(day: number): CalendarDate {
    let s = this.dateCache.get(day);
    if (s === undefined) {
      s = fromDayNumber(day);
      if (this.dateCache.size > 4096) this.dateCache.clear();
      this.dateCache.set(day, s);
    }
    return s;
  }

  private dateTime(seconds: number): LocalDateTime {
    const day = Math.floor(seconds / SECONDS_PER_DAY);
    const s = seconds - day * SECONDS_PER_DAY;
    const hh = Math.floor(s / 3600);
    const mm = Math.floor((s % 3600) / 60);
    const ss = s % 60;
    return `${this.date(day)}T${two(hh)}:${two(mm)}:${two(ss)}`;
  }

  private newPatient(provider: ProviderDef, random: Random, established: boolean): PatientState {
    const bandWeights: Record<AgeBand, number> =
      provider.specialty === 'Pediatrics' ? { child: 1, adult: 0, senior: 0 }
      : provider.specialty === 'Internal Medicine' ? { child: 0, adult: 0.55, senior: 0.45 }
      : { child: 0.2, adult: 0.55, senior: 0.25 };
    const ageBand = random.weighted<AgeBand>(provider.ages.map((a) => [a, bandWeights[a]] as const));
    const preventiveAgeDigit =
      ageBand === 'child' ? random.weighted([[1, 0.1], [2, 0.25], [3, 0.35], [4, 0.3]]) : ageBand === 'adult' ? random.weighted([[5, 0.45], [6, 0.55]]) : 7;
    const payer = random.weighted(this.practice.payers.map((p) => [p, p.enrollment[ageBand]] as const));
    const chronic: string[] = [];
    const p = (child: number, adult: number, senior: number) => random.chance(ageBand === 'child' ? child : ageBand === 'adult' ? adult : senior);
    if (p(0, 0.3, 0.6)) chronic.push('I10');
    if (p(0, 0.1, 0.25)) chronic.push('E11.9');
    if (p(0, 0.22, 0.45)) chronic.push('E78.5');
    if (p(0.05, 0.2, 0.15)) chronic.push('E66.9');
    if (p(0.03, 0.1, 0.06)) chronic.push('F41.1');
    if (p(0, 0.1, 0.12)) chronic.push('K21.9');
    if (p(0.1, 0.07, 0.05)) chronic.push('J45.909');
    this.seq.patient++;
    const patient: PatientState = {
      patientId: `A${String(this.seq.patient).padStart(7, '0')}`,
      ageBand,
      preventiveAgeDigit,
      payerId: payer.payerId,
      hasDeductible: random.chance(payer.costShare.deductibleShare),
      providerId: provider.providerId,
      chronicConditions: chronic,
      seen: established,
      lastFluYear: 0,
      deductibleUsed: new Map(),
    };
    this.patients.push(patient);
    return patient;
  }

  private payer(payerId: string): PayerDef {
    const p = this.payers.get(payerId);
    if (p === undefined) throw new RangeError(`unknown payer ${payerId}`);
    return p;
  }

  private simulateDay(date: CalendarDate): DemoDay {
    const out = {
      date,
      appointments: [] as DemoAppointment[],
      encounters: [] as DemoEncounter[],
      claims: [] as DemoClaim[],
      transactions: [] as DemoTransaction[],
      denials: [] as DenialTruth[],
      underpayments: [] as UnderpaymentTruth[],
    };
    const dow = weekday(date);
    if (dow === 0 || dow === 6 || isPracticeHoliday(date)) return out;
    const month = Number(date.slice(5, 7)) - 1;
    const holidayWeek = isHolidayWeek(date);
    const future = date > this.asOf;
    const r = this.random;
    for (const provider of this.practice.providers) {
      if (!provider.clinicDays.includes(dow)) continue;
      const offChance = 0.025 + (month === 7 ? 0.08 : 0) + (holidayWeek ? 0.3 : 0);
      if (r.chance(offChance)) continue;
      const locationId = provider.locationByWeekday[dow] ?? this.practice.locations[0]?.locationId ?? 'L01';
      const fill = 0.72 * (MONTH_VOLUME[month] ?? 1) * (holidayWeek ? 0.8 : 1);
      const booked = Math.min(16, Math.max(0, Math.round(provider.slotsPerDay * fill + r.normal() * 1.2)));
      // Slots: 08:00–11:30 and 13:00–16:30, every 30 minutes.
      const slots = r.shuffle(Array.from({ length: 16 }, (_, i) => (i < 8 ? 8 * 60 + i * 30 : 13 * 60 + (i - 8) * 30))).slice(0, booked).sort((a, b) => a - b);
      for (const minuteOfDay of slots) {
        const { appointment, patient } = this.bookAppointment(provider, locationId, date, minuteOfDay, month, future);
        if (future) {
          if (appointment.bookedAt <= `${this.asOf}T23:59:59`) out.appointments.push(appointment);
          continue;
        }
        if (appointment.status !== 'completed') {
          out.appointments.push(appointment);
          continue;
        }
        const encounterId = `E${String(++this.seq.encounter).padStart(7, '0')}`;
        const claimId = `C${String(++this.seq.claim).padStart(8, '0')}`;
        out.appointments.push({ ...appointment, encounterId });
        const virtual = appointment.visitType === 'Telehealth';
        const encounter: DemoEncounter = {
          encounterId,
          appointmentId: appointment.appointmentId,
          date,
          patientId: patient.patientId,
          providerId: provider.providerId,
          locationId,
          payerId: patient.payerId,
          encounterClass: virtual ? 'virtual' : 'ambulatory',
          visitType: appointment.visitType,
          newPatient: appointment.newPatient,
          claimId,
        };
        out.encounters.push(encounter);
        patient.seen = true;
        this.billEncounter(encounter, patient, provider, month, out);
      }
    }
    return out;
  }

  /** Books one slot; an appointment after the export date stays 'scheduled' (its outcome is still unknown). */
  private bookAppointment(provider: ProviderDef, locationId: string, date: CalendarDate, minuteOfDay: number, month: number, future: boolean): { appointment: DemoAppointment; patient: PatientState } {
    const r = this.random;
    const panel = this.panels.get(provider.providerId) ?? [];
    const patient = r.chance(0.085) || panel.length === 0 ? this.addNewPatient(provider, panel) : r.pick(panel);
    const payer = this.payer(patient.payerId);
    const visitType = this.visitTypeFor(patient, payer, month);
    const lead = Math.round(
      visitType === 'Sick Visit' ? r.triangular(0, 0, 3)
      : visitType === 'Nurse Visit' || visitType === 'Telehealth' ? r.triangular(0, 2, 14)
      : visitType === 'Annual Physical' || visitType === 'Well Child' || visitType === 'Medicare AWV' ? r.triangular(7, 35, 120)
      : visitType === 'New Patient' ? r.triangular(3, 21, 70)
      : visitType === 'Procedure' ? r.triangular(3, 14, 45)
      : r.triangular(3, 21, 60),
    );
    const day = dayNumber(date);
    const scheduled = day * SECONDS_PER_DAY + minuteOfDay * 60;
    let booked: number;
    if (lead === 0) {
      const latest = Math.max(7 * 60, minuteOfDay - 30);
      booked = day * SECONDS_PER_DAY + r.int(7 * 60, latest) * 60 + r.int(0, 59);
    } else {
      booked = (day - lead) * SECONDS_PER_DAY + r.int(8 * 60, 17 * 60) * 60 + r.int(0, 59);
    }
    if (booked > scheduled) booked = scheduled;

    const leadFactor = lead <= 1 ? 0.45 : lead <= 7 ? 1 : lead <= 30 ? 1.25 : 1.5;
    const noShow = NO_SHOW_BASE[payer.payerClass] * leadFactor;
    const cancel = 0.07 + (lead > 30 ? 0.03 : 0);
    const lateCancel = 0.03;
    const u = r.next();
    let status: AppointmentStatus = 'completed';
    if (future) status = 'scheduled';
    else if (u < noShow) status = 'no_show';
    else if (u < noShow + cancel) status = 'cancelled';
    else if (u < noShow + cancel + lateCancel) status = 'late_cancel';

    let cancelledAt: number | undefined;
    if (status === 'cancelled') {
      const latest = scheduled - SECONDS_PER_DAY;
      if (latest <= booked) status = 'late_cancel';
      else cancelledAt = booked + Math.floor(r.next() * (latest - booked));
    }
    if (status === 'late_cancel') {
      const earliest = Math.max(booked, scheduled - SECONDS_PER_DAY + 60);
      const latest = Math.max(earliest, scheduled - 30 * 60);
      cancelledAt = earliest + Math.floor(r.next() * (latest - earliest));
    }

    const base: DemoAppointment = {
      appointmentId: `S${String(++this.seq.appointment).padStart(8, '0')}`,
      patientId: patient.patientId,
      providerId: provider.providerId,
      locationId,
      visitType,
      bookedAt: this.dateTime(booked),
      scheduledFor: this.dateTime(scheduled),
      status,
      cancelledAt: cancelledAt === undefined ? undefined : this.dateTime(cancelledAt),
      newPatient: !patient.seen,
      payerId: payer.payerId,
      payerClass: payer.payerClass,
      leadDays: lead,
    };
    if (status !== 'completed') return { appointment: base, patient };
    // Arrive up to 15 minutes early or 10 late; wait 5–30 minutes; whole visit (arrival to check-out) 35–70.
    const arrived = scheduled + r.int(-15 * 60, 10 * 60);
    const wait = r.int(5 * 60, 30 * 60);
    const roomedToSeen = r.int(3 * 60, 10 * 60);
    const minCycle = 35 * 60;
    const maxCycle = 70 * 60;
    const seenToOut = r.int(Math.max(10 * 60, minCycle - wait - roomedToSeen), maxCycle - wait - roomedToSeen);
    const roomed = arrived + wait;
    const seen = roomed + roomedToSeen;
    return {
      appointment: {
        ...base,
        arrivedAt: this.dateTime(arrived),
        roomedAt: this.dateTime(roomed),
        seenAt: this.dateTime(seen),
        checkedOutAt: this.dateTime(seen + seenToOut),
      },
      patient,
    };
  }

  private addNewPatient(provider: ProviderDef, panel: PatientState[]): PatientState {
    const patient = this.newPatient(provider, this.random, false);
    panel.push(patient);
    return patient;
  }

  private visitTypeFor(patient: PatientState, payer: PayerDef, month: number): VisitType {
    const r = this.random;
    const resp = MONTH_RESPIRATORY[month] ?? 1;
    const flu = MONTH_FLU[month] ?? 0;
    if (!patient.seen) return r.chance(0.3) ? (patient.ageBand === 'child' ? 'Well Child' : 'Annual Physical') : 'New Patient';
    const medicare = payer.payerClass === 'medicare';
    if (patient.ageBand === 'child') {
      return r.weighted<VisitType>([
        ['Well Child', 0.24], ['Sick Visit', 0.3 * resp], ['Follow-up', 0.12], ['Nurse Visit', 0.06 + 0.25 * flu], ['Telehealth', 0.03],
      ]);
    }
    return r.weighted<VisitType>([
      [medicare ? 'Medicare AWV' : 'Annual Physical', 0.12], ['Follow-up', patient.ageBand === 'senior' ? 0.5 : 0.38],
      ['Sick Visit', 0.16 * resp], ['Nurse Visit', 0.04 + 0.15 * flu], ['Telehealth', 0.06], ['Procedure', 0.04],
    ]);
  }

  // -------------------------------------------------------------------------------------------
  // Billing: the lines a visit produces.

  private billEncounter(encounter: DemoEncounter, patient: PatientState, provider: ProviderDef, month: number, out: { claims: DemoClaim[]; transactions: DemoTransaction[]; denials: DenialTruth[]; underpayments: UnderpaymentTruth[] }): void {
    const r = this.random;
    const payer = this.payer(patient.payerId);
    const date = encounter.date;
    const year = Number(date.slice(0, 4));
    const medicare = payer.payerClass === 'medicare';
    const lines: { code: string; modifiers: string[]; units: number; dx: string[] }[] = [];
    const add = (code: string, dx: string[], modifiers: string[] = [], units = 1) => lines.push({ code, modifiers, units, dx });
    const chronic = patient.chronicConditions;
    const chronicDx = (n: number) => (chronic.length > 0 ? r.shuffle(chronic).slice(0, n) : [r.pick(['R51.9', 'M54.50', 'F41.1'])]);
    const emEstablished = (weights: readonly number[]) => r.weighted(['99212', '99213', '99214', '99215'].map((c, i) => [c, weights[i] ?? 0] as const));
    const seniorShift = patient.ageBand === 'senior' ? [4, 38, 48, 10] : [8, 47, 38, 7];
    const labs = (dx: string[]) => {
      let drawn = false;
      if (chronic.includes('E11.9') && r.chance(0.5)) {
        add('83036', ['E11.9']);
        drawn = true;
      }
      if ((chronic.includes('I10') || chronic.includes('E78.5')) && r.chance(0.25)) {
        add('80053', dx.filter((d) => d === 'I10' || d === 'E78.5').concat(chronic.filter((c) => c === 'I10' || c === 'E78.5')).slice(0, 2));
        drawn = true;
      }
      if (drawn) add('36415', [lines[lines.length - 1]?.dx[0] ?? 'Z00.00']);
    };
    const fluSeason = (MONTH_FLU[month] ?? 0) > 0;
    const maybeFlu = (chance: number) => {
      if (!fluSeason || patient.lastFluYear === year || patient.preventiveAgeDigit === 1) return;
      if (r.chance(chance)) {
        add('90686', ['Z23']);
        add('90471', ['Z23']);
        patient.lastFluYear = year;
      }
    };
    const g2211 = (dx: string[]) => {
      if ((medicare || payer.plan === 'medicare_advantage') && date >= '2024-01-01' && r.chance(0.55)) add('G2211', dx.slice(0, 1));
    };

    switch (encounter.visitType) {
      case 'New Patient': {
        const dx = chronic.length > 0 ? chronicDx(3) : [r.pick(['J06.9', 'M54.50', 'R51.9', 'K21.9'])];
        add(r.weighted([['99202', 10], ['99203', 45], ['99204', 35], ['99205', 10]]), dx);
        if (r.chance(0.35)) {
          add('80053', dx.slice(0, 1));
          add('85025', dx.slice(0, 1));
          add('36415', dx.slice(0, 1));
        }
        maybeFlu(0.3 * (MONTH_FLU[month] ?? 0));
        break;
      }
      case 'Follow-up': {
        const dx = chronicDx(3);
        add(emEstablished(seniorShift), dx);
        g2211(dx);
        labs(dx);
        if (dx.includes('I10') && r.chance(0.03)) add('93000', ['I10']);
        maybeFlu(0.35 * (MONTH_FLU[month] ?? 0));
        break;
      }
      case 'Telehealth': {
        const dx = chronicDx(2);
        add(r.weighted([['99213', 6], ['99214', 4]]), dx, ['95']);
        g2211(dx);
        break;
      }
      case 'Sick Visit': {
        const resp = MONTH_RESPIRATORY[month] ?? 1;
        const complaint = r.weighted<string>([
          ['J06.9', 3 * resp], ['J02.9', 1.5 * resp], ['J20.9', 1 * resp], ['R05.9', 1 * resp],
          ['M54.50', 1.5], ['N39.0', 1], ['R51.9', 0.8], ['H61.23', 0.8], ['B07.9', 0.5],
        ]);
        const dx = [complaint, ...chronic.slice(0, 1)];
        const procedureSameDay = complaint === 'H61.23' || complaint === 'B07.9';
        add(emEstablished([18, 60, 20, 2]), dx, procedureSameDay ? ['25'] : []);
        if (complaint === 'J02.9' && r.chance(0.7)) add('87880', ['J02.9']);
        if (complaint === 'N39.0') add('81002', ['N39.0']);
        if (complaint === 'H61.23') add('69210', ['H61.23']);
        if (complaint === 'B07.9') add('17110', ['B07.9']);
        maybeFlu(0.2 * (MONTH_FLU[month] ?? 0));
        break;
      }
      case 'Procedure': {
        if (r.chance(0.6)) {
          add('11102', ['D48.5']);
          if (r.chance(0.3)) lines.unshift({ code: '99213', modifiers: ['25'], units: 1, dx: ['D48.5', ...chronic.slice(0, 1)] });
        } else add('17110', ['B07.9']);
        break;
      }
      case 'Annual Physical': {
        const dx = [r.chance(0.7) ? 'Z00.00' : 'Z00.01', ...chronic.slice(0, 2)];
        add(`${encounter.newPatient ? '9938' : '9939'}${patient.preventiveAgeDigit}`, dx);
        if (r.chance(0.6)) {
          add('80053', dx.slice(0, 1));
          add('85025', dx.slice(0, 1));
          if (chronic.includes('E11.9')) add('83036', ['E11.9']);
          add('36415', dx.slice(0, 1));
        }
        if (patient.preventiveAgeDigit >= 6 && r.chance(0.1)) add('93000', dx.slice(0, 1));
        if (r.chance(0.1)) add('99401', dx.slice(0, 1));
        if (r.chance(0.3)) add('96127', dx.slice(0, 1));
        maybeFlu(0.6);
        break;
      }
      case 'Well Child': {
        const dx = [r.chance(0.85) ? 'Z00.129' : 'Z00.121'];
        add(`${encounter.newPatient ? '9938' : '9939'}${patient.preventiveAgeDigit}`, dx);
        if (r.chance(0.5)) add('96127', dx, [], r.chance(0.4) ? 2 : 1);
        maybeFlu(0.7);
        break;
      }
      case 'Medicare AWV': {
        const dx = ['Z00.00', ...chronic.slice(0, 1)];
        add('G0439', dx);
        if (r.chance(0.4)) add('96127', dx.slice(0, 1));
        maybeFlu(0.6);
        break;
      }
      case 'Nurse Visit': {
        if (fluSeason && patient.lastFluYear !== year && patient.preventiveAgeDigit !== 1 && r.chance(0.85)) {
          add('90686', ['Z23']);
          add('90471', ['Z23']);
          patient.lastFluYear = year;
        } else add('99211', chronic.includes('I10') ? ['I10'] : chronicDx(1));
        break;
      }
    }
    // Mark the E/M with 25 when a procedure was done the same day (unless already marked).
    const hasProcedure = lines.some((l) => procedure(l.code).category === 'procedure');
    if (hasProcedure) {
      for (const l of lines) {
        const cat = procedure(l.code).category;
        if ((cat === 'em_established' || cat === 'em_new') && !l.modifiers.includes('25')) l.modifiers.push('25');
      }
    }

    const claimDx: string[] = [];
    for (const l of lines) for (const d of l.dx) if (!claimDx.includes(d) && claimDx.length < 12) claimDx.push(d);
    const planned: PlannedLine[] = lines.map((l, i) => {
      const def = procedure(l.code);
      const dx = [...new Set(l.dx)].slice(0, 4);
      return {
        line: { lineNumber: i + 1, procedureCode: l.code, modifiers: l.modifiers, units: l.units, chargeCents: def.chargeCents * l.units, diagnosisCodes: dx },
        category: def.category,
      };
    });
    const postLag = Math.round(r.triangular(0, 1, 5));
    let postDate = addDays(date, postLag);
    const pdow = weekday(postDate);
    if (pdow === 6) postDate = addDays(postDate, 2);
    else if (pdow === 0) postDate = addDays(postDate, 1);
    // Month-end close: every visit up to the export date has its charges posted by then.
    if (postDate > this.asOf) postDate = this.asOf;
    const claim: Omit<DemoClaim, 'adjudications'> = {
      claimId: encounter.claimId,
      encounterId: encounter.encounterId,
      patientId: patient.patientId,
      serviceDate: date,
      postDate,
      renderingProviderId: provider.providerId,
      billingProviderId: this.practice.billingProvider.billingProviderId,
      locationId: encounter.locationId,
      placeOfService: encounter.encounterClass === 'virtual' ? '10' : (this.practice.locations.find((l) => l.locationId === encounter.locationId)?.placeOfService ?? '11'),
      payerId: payer.payerId,
      diagnosisCodes: claimDx,
      lines: planned.map((p) => p.line),
    };
    const ledger = new Ledger(this, claim.claimId, this.asOf);
    const adjudications = payer.plan === 'self_pay' ? this.selfPay(claim, planned, ledger) : this.insured(claim, planned, payer, patient, ledger, out);
    out.claims.push({ ...claim, adjudications });
    out.transactions.push(...ledger.rows());
  }

  nextTransactionId(): string {
    return `T${String(++this.seq.transaction).padStart(9, '0')}`;
  }

  // -------------------------------------------------------------------------------------------
  // Money: self-pay and insured adjudication, patient payments, write-offs.

  private selfPay(claim: Omit<DemoClaim, 'adjudications'>, planned: readonly PlannedLine[], ledger: Ledger): Adjudication[] {
    const r = this.random;
    const payer = this.payer(claim.payerId);
    const date = claim.serviceDate;
    const payAtVisit = r.chance(0.55);
    const later = !payAtVisit && r.chance(0.45);
    const laterOn = addDays(date, Math.round(r.triangular(20, 45, 120)));
    const badDebtOn = addDays(date, Math.round(r.triangular(120, 150, 210)));
    const sendToCollections = r.chance(0.9);
    const method = r.weighted<'card' | 'cash' | 'check'>([['card', 7], ['cash', 2], ['check', 1]]);
    for (const { line } of planned) {
      const allowed = Math.min(line.chargeCents, contractAllowedCents(payer, line.procedureCode, line.units));
      const discount = line.chargeCents - allowed;
      if (discount > 0) ledger.adjust(line.lineNumber, date, discount, '', ADJUSTMENT_CODES.selfPayDiscount.carc);
      if (payAtVisit) ledger.patientPayment(line.lineNumber, date, allowed, method);
      else if (later) ledger.patientPayment(line.lineNumber, laterOn, allowed, method === 'cash' ? 'check' : method);
      else if (sendToCollections) ledger.adjust(line.lineNumber, badDebtOn, allowed, '', ADJUSTMENT_CODES.badDebt.carc);
    }
    return [];
  }

  private insured(
    claim: Omit<DemoClaim, 'adjudications'>,
    planned: readonly PlannedLine[],
    payer: PayerDef,
    patient: PatientState,
    ledger: Ledger,
    out: { denials: DenialTruth[]; underpayments: UnderpaymentTruth[] },
  ): Adjudication[] {
    const r = this.random;
    const asOf = this.asOf;
    const paidOn = this.paymentDate(payer, claim.postDate);

    // Decide the denial first: which reason, which lines.
    let denial: { carc: string; lines: Set<number> } | undefined;
    if (r.chance(payer.denialRate)) {
      const carc = r.weighted(Object.entries(payer.denialMix));
      const reason = DENIAL_REASONS[carc];
      if (reason !== undefined) {
        const eligible = reason.level === 'claim' ? planned
          : carc === '97' ? planned.filter((p) => p.category === 'add_on' || p.category === 'vaccine_admin' || p.category === 'counseling' || p.line.procedureCode === '36415')
          : carc === '50' ? planned.filter((p) => p.category === 'lab' || p.category === 'diagnostic')
          : planned.filter((p) => p.line.modifiers.length > 0 || p.category === 'em_established' || p.category === 'em_new');
        const chosen = reason.level === 'claim' ? eligible : eligible.length > 0 ? [r.pick(eligible)] : [];
        if (chosen.length > 0) denial = { carc, lines: new Set(chosen.map((p) => p.line.lineNumber)) };
      }
    }

    // Copay collected at check-in, before the claim goes out: the plan's copay, capped by what the visit will allow.
    const normal = planned.map((p) => this.adjudicateLine(p, payer, patient, claim.serviceDate));
    const copayAtVisit = r.chance(0.85);
    const tosMethod = r.weighted<'card' | 'cash'>([['card', 8], ['cash', 2]]);
    const tosPaid = new Map<number, Cents>();
    if (copayAtVisit) {
      for (const n of normal) {
        const copay = n.line.adjustments.find((a) => a.group === 'PR' && a.carc === '3')?.amountCents ?? 0;
        if (copay > 0) {
          ledger.patientPayment(n.line.lineNumber, claim.serviceDate, copay, tosMethod);
          tosPaid.set(n.line.lineNumber, copay);
        }
      }
    }

    const adjudications: Adjudication[] = [];
    const original: LineAdjudication[] = [];
    const recordNormal = (n: (typeof normal)[number], on: CalendarDate) => {
      if (n.underpaid !== undefined) {
        out.underpayments.push({
          claimId: claim.claimId, lineNumber: n.line.lineNumber, payerId: payer.payerId, procedureCode: n.line.procedureCode,
          units: n.line.units, serviceDate: claim.serviceDate, paidOn: on, ...n.underpaid,
        });
      }
    };
    for (const n of normal) {
      if (denial?.lines.has(n.line.lineNumber)) {
        const reason = DENIAL_REASONS[denial.carc];
        original.push({
          ...n.line, allowedCents: 0, paidCents: 0, patientResponsibilityCents: 0,
          adjustments: [{ group: reason?.group ?? 'CO', carc: denial.carc, amountCents: n.line.chargeCents }],
        });
      } else original.push(n.line);
    }
    if (paidOn > asOf) return [];
    const allDenied = denial !== undefined && denial.lines.size === planned.length;
    const first = this.adjudication(claim.claimId, payer, 1, allDenied ? '4' : '1', paidOn, original);
    adjudications.push(first);
    for (const line of original) ledger.postRemit(line, first, denial?.lines.has(line.lineNumber) ? denial.carc : undefined);
    for (const n of normal) if (!denial?.lines.has(n.line.lineNumber)) {
      recordNormal(n, paidOn);
      this.patientBalance(ledger, n.line, paidOn, tosPaid.get(n.line.lineNumber) ?? 0);
    }

    if (denial !== undefined) {
      const reason = DENIAL_REASONS[denial.carc];
      const group = reason?.group ?? 'CO';
      const recovered = r.chance(reason?.recoveryRate ?? 0);
      const resubmitted = addDays(paidOn, Math.round(r.triangular(7, 20, 60)));
      const reprocessedOn = this.paymentDate(payer, resubmitted);
      const writeOffOn = addDays(paidOn, Math.round(r.triangular(20, 45, 120)));
      const deniedLines = normal.filter((n) => denial.lines.has(n.line.lineNumber));
      let outcome: DenialTruth['outcome'] = 'open';
      let resolvedOn: CalendarDate | undefined;
      if (recovered && reprocessedOn <= asOf) {
        outcome = 'overturned';
        resolvedOn = reprocessedOn;
        const second = this.adjudication(claim.claimId, payer, 2, '1', reprocessedOn, deniedLines.map((n) => n.line));
        adjudications.push(second);
        for (const n of deniedLines) {
          ledger.postRemit(n.line, second, undefined);
          recordNormal(n, reprocessedOn);
          this.patientBalance(ledger, n.line, reprocessedOn, tosPaid.get(n.line.lineNumber) ?? 0);
        }
      } else if (!recovered && writeOffOn <= asOf) {
        outcome = 'written_off';
        resolvedOn = writeOffOn;
        for (const n of deniedLines) {
          const balance = n.line.chargeCents - (tosPaid.get(n.line.lineNumber) ?? 0);
          if (balance > 0) ledger.adjust(n.line.lineNumber, writeOffOn, balance, group, denial.carc);
        }
      }
      for (const n of deniedLines) {
        out.denials.push({
          claimId: claim.claimId, lineNumber: n.line.lineNumber, payerId: payer.payerId, procedureCode: n.line.procedureCode,
          group, carc: denial.carc, chargeCents: n.line.chargeCents, deniedOn: paidOn, outcome, resolvedOn,
        });
      }
    }
    return adjudications;
  }

  /** The line as the payer pays it when nothing is denied: contract (or the underpaid rate), cost share, sequestration. */
  private adjudicateLine(p: PlannedLine, payer: PayerDef, patient: PatientState, serviceDate: CalendarDate): {
    line: LineAdjudication;
    underpaid?: { contractAllowedCents: Cents; allowedCents: Cents; shortfallCents: Cents } | undefined;
  } {
    const { line, category } = p;
    const contract = Math.min(line.chargeCents, contractAllowedCents(payer, line.procedureCode, line.units));
    const rule = underpaymentRule(payer, line.procedureCode, serviceDate);
    const allowed = rule === undefined ? contract : Math.min(line.chargeCents, roundCents(contract * rule.allowedFactor));
    const noCostShare = category.startsWith('preventive') || category === 'wellness_medicare' || category === 'vaccine' || category === 'vaccine_admin' || line.procedureCode === '99401';
    const adjustments: CasAdjustment[] = [];
    if (line.chargeCents > allowed) adjustments.push({ group: 'CO', carc: ADJUSTMENT_CODES.contractual.carc, amountCents: line.chargeCents - allowed });
    let pr = 0;
    if (!noCostShare) {
      const share = payer.costShare;
      const em = category === 'em_new' || category === 'em_established';
      let remaining = allowed;
      if (em && share.copayCents > 0 && !patient.hasDeductible) {
        const copay = Math.min(share.copayCents, remaining);
        adjustments.push({ group: 'PR', carc: ADJUSTMENT_CODES.copay.carc, amountCents: copay });
        remaining -= copay;
        pr += copay;
      }
      if (patient.hasDeductible && share.deductibleCents > 0) {
        const year = Number(serviceDate.slice(0, 4));
        const used = patient.deductibleUsed.get(year) ?? 0;
        const deductible = Math.min(share.deductibleCents - used, remaining);
        if (deductible > 0) {
          adjustments.push({ group: 'PR', carc: ADJUSTMENT_CODES.deductible.carc, amountCents: deductible });
          patient.deductibleUsed.set(year, used + deductible);
          remaining -= deductible;
          pr += deductible;
        }
      }
      if (patient.hasDeductible && share.coinsurance > 0 && remaining > 0) {
        const coinsurance = roundCents(remaining * share.coinsurance);
        if (coinsurance > 0) {
          adjustments.push({ group: 'PR', carc: ADJUSTMENT_CODES.coinsurance.carc, amountCents: coinsurance });
          remaining -= coinsurance;
          pr += coinsurance;
        }
      }
    }
    let sequestration = 0;
    if (payer.plan === 'medicare') {
      sequestration = roundCents((allowed - pr) * 0.02);
      if (sequestration > 0) adjustments.push({ group: 'CO', carc: ADJUSTMENT_CODES.sequestration.carc, amountCents: sequestration });
    }
    const adjudicated: LineAdjudication = {
      lineNumber: line.lineNumber, procedureCode: line.procedureCode, modifiers: line.modifiers, units: line.units,
      chargeCents: line.chargeCents, allowedCents: allowed, paidCents: allowed - pr - sequestration,
      patientResponsibilityCents: pr, adjustments,
    };
    return {
      line: adjudicated,
      underpaid: rule !== undefined && allowed < contract ? { contractAllowedCents: contract, allowedCents: allowed, shortfallCents: contract - allowed } : undefined,
    };
  }

  private adjudication(claimId: string, payer: PayerDef, sequence: number, claimStatus: '1' | '4', paidOn: CalendarDate, lines: LineAdjudication[]): Adjudication {
    const ymd = paidOn.replaceAll('-', '');
    return {
      claimId, payerId: payer.payerId, sequence, kind: sequence === 1 ? 'original' : 'reprocessed', claimStatus,
      payerClaimControlNumber: `${ymd.slice(2)}${String(++this.seq.icn).padStart(8, '0')}`,
      paidOn,
      paymentId: payer.paymentMethod === 'EFT' ? `1${payer.payerId}${ymd}` : `${payer.payerId.slice(-3)}${ymd.slice(2)}`,
      paymentMethod: payer.paymentMethod,
      lines,
    };
  }

  /** Submission + the payer's lag, moved to its next payment-run weekday. */
  private paymentDate(payer: PayerDef, submitted: CalendarDate): CalendarDate {
    const { min, mode, max } = payer.paymentLagDays;
    const d = addDays(submitted, Math.round(this.random.triangular(min, mode, max)));
    return addDays(d, (payer.paymentWeekday - weekday(d) + 7) % 7);
  }

  /** After the remittance: the statement, what the patient pays, and bad debt for what they never pay. */
  private patientBalance(ledger: Ledger, line: LineAdjudication, remitOn: CalendarDate, paidAtVisit: Cents): void {
    const r = this.random;
    const balance = line.patientResponsibilityCents - paidAtVisit;
    if (balance <= 0) return;
    const u = r.next();
    const method = r.weighted<'card' | 'check'>([['card', 7], ['check', 3]]);
    let paid = 0;
    // Most statements are paid; what is not is sent to collections (bad debt) after four to six months.
    if (u < 0.8) paid = balance;
    else if (u < 0.9) paid = Math.floor(balance / 2);
    if (paid > 0) ledger.patientPayment(line.lineNumber, addDays(remitOn, Math.round(r.triangular(15, 35, 90))), paid, method);
    if (paid < balance && r.chance(0.9)) ledger.adjust(line.lineNumber, addDays(remitOn, Math.round(r.triangular(120, 150, 200))), balance - paid, '', ADJUSTMENT_CODES.badDebt.carc);
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
