// Deutsch. Statusnamen wie in Partner Center (deutsche Oberfläche); Bezeichnungen der Lösungsbereiche
// bleiben die englischen Programmnamen.
import type { Wording } from './wording.js';

export const de: Wording = {
  language: 'de',
  statusLabels: {
    inProgress: 'In Bearbeitung',
    qualified: 'Qualifiziert',
    enrolled: 'Registriert',
    renewalDue: 'Registriert (Verlängerung fällig)',
  },
  designation: 'Solutions Partner for {area}',
  days: { one: '{n} Tag', other: '{n} Tage' },
  greeting: 'Guten Tag {partner},',
  closing: 'Ihr Designation Tracker',
  footer:
    'Sie erhalten diese Nachricht, weil Sie im Designation Tracker als Kontakt des Partners {partnerId} eingetragen sind. Alle Daten sind UTC-Tage. Referenz: {reference}',
  labels: {
    designation: 'Designation',
    line: '{label}: {value}',
    status: 'Status',
    day: 'Tag',
    anniversary: 'Jahrestag',
    renewalWindow: 'Verlängerungszeitraum',
    range: '{start} bis {end}',
  },
  noAnniversary: 'Jahrestag und Verlängerungszeitraum der Registrierung finden Sie in Partner Center (Mitgliedschaft → Solutions Partner).',
  generic: { subject: '{designation} für {partner}: {status}', intro: 'Am {day} wurde der Status von {designation} für {partner} zu „{status}“.' },
  eligibility: {
    eligible:
      'Nächster Schritt: {partner} kann {designation} verlängern, weil an einem Tag des Zeitraums die Qualifikation erreicht wurde. Verlängern Sie in Partner Center innerhalb des Verlängerungszeitraums, spätestens bis {renewEnd}, damit Designation und Vorteile ohne Unterbrechung erhalten bleiben.',
    notYetEligible:
      'Nächster Schritt: {partner} kann {designation} noch nicht verlängern, weil an keinem Tag des Zeitraums die Qualifikation erreicht wurde. Das ist noch möglich, wenn die Qualifikation an einem beliebigen Tag bis {qualifyBy} erreicht wird; ohne Verlängerung bis {renewEnd} läuft die Designation aus.',
    unknown: 'Nächster Schritt: Prüfen Sie in Partner Center, ob {designation} verlängert werden kann, und verlängern Sie spätestens bis {renewEnd}.',
  },
  kinds: {
    qualified: {
      subject: '{partner} ist qualifiziert für {designation}',
      intro: ['Am {day} hat {partner} die erforderliche Punktzahl für {designation} erreicht. Der Status ist jetzt „{status}“.'],
      next:
        'Nächster Schritt: Sie können sich in Partner Center (Mitgliedschaft → Solutions Partner) innerhalb des Zeitraums registrieren, der am {enrollBy} endet. Der Status bleibt „Qualifiziert“, solange ein qualifizierender Tag im rollierenden Zeitraum aus laufendem Monat und den {previousMonths} Monaten davor liegt; eine spätere erneute Qualifikation verlängert ihn.',
    },
    'no-longer-qualified': {
      subject: '{partner} ist nicht mehr qualifiziert für {designation}',
      intro: ['Am {day} lag im Qualifikationszeitraum von {designation} kein qualifizierender Tag mehr; der Status ist wieder „{status}“.'],
      next:
        'Nächster Schritt: Sobald {partner} an einem beliebigen Tag wieder die Qualifikation erreicht, ist der Status wieder „Qualifiziert“ und Sie können sich registrieren. Partner Center zeigt den Zeitraum und die höchste Punktzahl jedes Monats.',
    },
    enrolled: {
      subject: '{partner} ist registriert für {designation}',
      intro: ['Am {day} wurde {partner} für {designation} registriert. Der Status ist jetzt „{status}“.'],
      automatic:
        'Am {day} wurde {designation} automatisch zur Registrierung von {partner} hinzugefügt: Ein Solutions Partner, der sich in einem weiteren Lösungsbereich qualifiziert, wird dort ohne zusätzliche Gebühr registriert. Der Status ist jetzt „{status}“.',
      dates: 'Die Designation gilt bis zum Jahrestag am {anniversary}; der Verlängerungszeitraum läuft vom {renewStart} bis {renewEnd}.',
      next: 'Nächster Schritt: Um verlängern zu können, muss {partner} an mindestens einem Tag zwischen {eligStart} und {eligEnd} die Qualifikation erreichen.',
    },
    'renewal-due': {
      subject: 'Verlängerung fällig: {designation} für {partner}',
      intro: [
        'Am {day} hat der Verlängerungszeitraum von {designation} begonnen (Jahrestag {anniversary}). Er endet am {renewEnd}; bis dahin gelten die Vorteile weiter. Der Status ist jetzt „{status}“.',
      ],
    },
    renewed: {
      subject: '{partner} hat {designation} verlängert',
      intro: ['Am {day} hat {partner} {designation} verlängert. Der Status ist jetzt „{status}“.'],
      dates: 'Der nächste Jahrestag ist der {anniversary}; der nächste Verlängerungszeitraum läuft vom {renewStart} bis {renewEnd}.',
      next: 'Derzeit ist nichts zu tun. Um das nächste Mal verlängern zu können, muss {partner} an mindestens einem Tag zwischen {eligStart} und {eligEnd} die Qualifikation erreichen.',
    },
    lapsed: {
      subject: '{designation} ist für {partner} ausgelaufen',
      intro: [
        'Der Verlängerungszeitraum von {designation} (Jahrestag {anniversary}) endete am {renewEnd} ohne Verlängerung. Am {day} ging der Status zurück auf „{status}“.',
      ],
      lost: 'Was entfällt: {partner} hält {designation} nicht mehr, ebenso wenig das Abzeichen und die damit verbundenen Vorteile.',
      next: 'Nächster Schritt: Um die Designation wieder zu erhalten, muss {partner} sich erneut qualifizieren und das Solutions-Partner-Angebot in Partner Center neu erwerben.',
    },
    'enrollment-withdrawn': {
      subject: '{partner} ist nicht mehr registriert für {designation}',
      intro: ['Am {day} führte Partner Center {partner} nicht mehr als registriert für {designation}. Der Status ist jetzt „{status}“.'],
      dates: 'Der Jahrestag der Registrierung war der {anniversary}.',
      next:
        'Was das bedeutet: Designation, Abzeichen und Vorteile gelten für {partner} nicht mehr. Falls das unerwartet ist, prüfen Sie die Registrierung in Partner Center (Mitgliedschaft → Solutions Partner).',
    },
    'renewal-reminder': {
      subjectBefore: 'Erinnerung: Verlängerung von {designation} für {partner} ab {anniversary} (noch {daysUntil})',
      subjectInWindow: 'Erinnerung: Verlängerungszeitraum von {designation} für {partner} endet am {renewEnd} (noch {daysLeft})',
      before:
        'Noch {daysUntil} bis zum Jahrestag von {designation} am {anniversary}. Der Verlängerungszeitraum läuft vom {renewStart} bis {renewEnd}. Der Status ist „{status}“.',
      inWindow: 'Der Verlängerungszeitraum von {designation} (Jahrestag {anniversary}) endet am {renewEnd} (noch {daysLeft}). Der Status ist „{status}“.',
    },
  },
};
