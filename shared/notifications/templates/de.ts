// Deutsch, Sie-Form. Statusnamen wie in Partner Center (deutsche Oberfläche); die Namen der Bezeichnungen
// und Lösungsbereiche bleiben wie bei Microsoft die englischen Programmnamen.
import type { Wording } from './wording.js';

export const de: Wording = {
  language: 'de',
  statusLabels: {
    inProgress: 'In Bearbeitung',
    qualified: 'Qualifiziert',
    enrolled: 'Registriert',
    renewalDue: 'Registriert (Verlängerung fällig)',
  },
  metricNames: {
    netCustomerAdds: 'Netto-Kundenzuwachs',
    intermediateCertifications: 'Intermediate-Zertifizierungen',
    advancedCertifications: 'Advanced-Zertifizierungen',
    usageGrowth: 'Nutzungswachstum',
    deployments: 'Bereitstellungen',
  },
  trackNames: { enterprise: 'Enterprise', smb: 'KMU (SMB)' },
  designation: 'Solutions Partner for {area}',
  days: { one: '{n} Tag', other: '{n} Tage' },
  units: {
    activeUsers: { one: '{n} aktiver Benutzer', other: '{n} aktive Benutzer' },
    paidSeats: { one: '{n} bezahlte Lizenz', other: '{n} bezahlte Lizenzen' },
  },
  greeting: 'Guten Tag {partner},',
  closing: 'Ihr Designation Tracker',
  footer:
    'Sie erhalten diese Nachricht, weil Sie im Designation Tracker als Kontakt des Partners {partnerId} eingetragen sind. Alle Daten sind UTC-Tage. Referenz: {reference}',
  labels: {
    designation: 'Bezeichnung',
    line: '{label}: {value}',
    status: 'Status',
    day: 'Tag',
    anniversary: 'Jahrestag',
    renewalWindow: 'Verlängerungszeitraum',
    range: '{start} bis {end}',
    score: 'Punktzahl am {asOf}:',
    track: 'Track',
    total: 'Gesamt',
    totalValue: '{total} Punkte ({threshold} für die Qualifikation erforderlich)',
    metricValue: '{points} von {max}',
    qualificationWindow: 'Qualifikationszeitraum',
    eligibilityWindow: 'Zeitraum für die Verlängerungsberechtigung',
  },
  noAnniversary: 'Jahrestag und Verlängerungszeitraum der Registrierung finden Sie in Partner Center (Mitgliedschaft → Solutions Partner).',
  generic: {
    subject: '{designation} für {partner}: {status}',
    intro: 'Am {day} wurde der Status von {designation} für {partner} zu „{status}“.',
  },
  eligibility: {
    eligible:
      'Nächster Schritt: {partner} kann {designation} verlängern, weil an einem Tag des Zeitraums die Qualifikation erreicht wurde. Verlängern Sie in Partner Center innerhalb des Verlängerungszeitraums, spätestens bis zum {renewEnd}, damit die Bezeichnung und ihre Vorteile ohne Unterbrechung erhalten bleiben.',
    notYetEligible:
      'Nächster Schritt: {partner} kann {designation} noch nicht verlängern, weil an keinem Tag des Zeitraums die Qualifikation erreicht wurde. Die Berechtigung entsteht noch, wenn die Qualifikation an einem beliebigen Tag bis zum {qualifyBy} erreicht wird; ohne Verlängerung bis zum {renewEnd} läuft die Bezeichnung aus.',
    unknown:
      'Nächster Schritt: Prüfen Sie in Partner Center, ob {designation} verlängert werden kann, und verlängern Sie spätestens bis zum {renewEnd}.',
  },
  plan: {
    reach: 'Damit {designation} {threshold} Punkte erreicht:',
    hold: 'Damit {designation} im nächsten Monat bei mindestens {threshold} Punkten bleibt:',
    notFound:
      'Innerhalb der Grenzen der Planung erreicht keine Kombination von Schritten {threshold} Punkte; Partner Center zeigt, wie weit jede Kennzahl von ihrem Höchstwert entfernt ist.',
    notFoundHold:
      'Innerhalb der Grenzen der Planung hält keine Kombination von Schritten {designation} im nächsten Monat bei {threshold} Punkten.',
    noneNeeded: 'Es ist kein zusätzlicher Schritt nötig, um bei mindestens {threshold} Punkten zu bleiben.',
    certification: 'Person {personId} die Zertifizierung „{certification}“ erwerben lassen ({metric}).',
    certificationNewPerson:
      'Eine neue Person mit dem Partner verknüpfen und die Zertifizierung „{certification}“ erwerben lassen ({metric}).',
    newCustomer: 'Einen neuen Kunden gewinnen (Mandant {tenantId}, {association}): {name} mit {amount} im {month} ({metric}).',
    moreUsage: 'Die Nutzung von {name} beim Kunden {tenantId} ({association}) im {month} um {amount} steigern ({metric}).',
    newDeployment: '{name} beim Kunden {tenantId} ({association}) bereitstellen, mit {amount} im {month} ({metric}).',
  },
  kinds: {
    qualified: {
      subject: '{partner} ist qualifiziert für {designation}',
      intro: ['Am {day} hat {partner} die erforderliche Punktzahl für {designation} erreicht. Der Status ist jetzt „{status}“.'],
      next: 'Nächster Schritt: Sie können sich in Partner Center (Mitgliedschaft → Solutions Partner) innerhalb des Zeitraums registrieren, der am {enrollBy} endet. Der Status bleibt „Qualifiziert“, solange ein qualifizierender Tag im rollierenden Zeitraum aus laufendem Monat und den {previousMonths} Monaten davor liegt; eine spätere erneute Qualifikation verlängert ihn.',
    },
    'no-longer-qualified': {
      subject: '{partner} ist nicht mehr qualifiziert für {designation}',
      intro: ['Am {day} lag im Qualifikationszeitraum von {designation} kein qualifizierender Tag mehr; der Status ist wieder „{status}“.'],
      next: 'Nächster Schritt: Sobald {partner} an einem beliebigen Tag wieder die Qualifikation erreicht, ist der Status wieder „Qualifiziert“ und Sie können sich registrieren. Partner Center zeigt den Zeitraum und die höchste Punktzahl jedes Monats.',
    },
    enrolled: {
      subject: '{partner} ist registriert für {designation}',
      intro: ['Am {day} wurde {partner} für {designation} registriert. Der Status ist jetzt „{status}“.'],
      automatic:
        'Am {day} wurde {designation} automatisch zur Registrierung von {partner} hinzugefügt: Ein Solutions Partner, der sich in einem weiteren Lösungsbereich qualifiziert, wird dort ohne zusätzliche Gebühr registriert. Der Status ist jetzt „{status}“.',
      dates:
        'Die Bezeichnung gilt bis zum Jahrestag am {anniversary}; der Verlängerungszeitraum läuft vom {renewStart} bis zum {renewEnd}.',
      datesInWindow:
        'Der Jahrestag dieser Registrierung, der {anniversary}, liegt bereits zurück: Der Verlängerungszeitraum läuft noch bis zum {renewEnd}.',
      datesPast:
        'Der Jahrestag dieser Registrierung, der {anniversary}, und ihr Verlängerungszeitraum (bis zum {renewEnd}) liegen bereits zurück; den aktuellen Jahrestag zeigt Partner Center (Mitgliedschaft → Solutions Partner).',
      next: 'Nächster Schritt: Um verlängern zu können, muss {partner} an mindestens einem Tag zwischen dem {eligStart} und dem {eligEnd} die Qualifikation erreichen.',
      nextQualifies:
        'Derzeit ist nichts zu tun: {designation} ist heute qualifiziert. Für die Verlängerung genügt ein qualifizierender Tag zwischen dem {eligStart} und dem {eligEnd}; bleibt die Punktzahl bis in diesen Zeitraum bei mindestens {threshold}, ist das erfüllt.',
      nextEligible:
        'Derzeit ist nichts zu tun: {designation} ist heute qualifiziert, an einem Tag zwischen dem {eligStart} und dem {eligEnd}. {partner} kann daher im Verlängerungszeitraum ({renewStart} bis {renewEnd}) verlängern.',
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
      dates: 'Der nächste Jahrestag ist der {anniversary}; der nächste Verlängerungszeitraum läuft vom {renewStart} bis zum {renewEnd}.',
      next: 'Derzeit ist nichts zu tun. Um das nächste Mal verlängern zu können, muss {partner} an mindestens einem Tag zwischen dem {eligStart} und dem {eligEnd} die Qualifikation erreichen.',
    },
    lapsed: {
      subject: '{designation} ist für {partner} ausgelaufen',
      intro: [
        'Der Verlängerungszeitraum von {designation} (Jahrestag {anniversary}) endete am {renewEnd} ohne Verlängerung. Am {day} ging der Status zurück auf „{status}“.',
      ],
      lost: 'Was entfällt: {partner} hält {designation} nicht mehr, ebenso wenig das Abzeichen und die damit verbundenen Vorteile.',
      next: 'Nächster Schritt: Um die Bezeichnung wieder zu erhalten, muss {partner} sich erneut qualifizieren und das Solutions-Partner-Angebot in Partner Center neu erwerben.',
      nextQualifies:
        'Nächster Schritt: {designation} ist heute qualifiziert; {partner} kann das Solutions-Partner-Angebot daher in Partner Center neu erwerben, um die Bezeichnung wieder zu erhalten.',
    },
    'enrollment-withdrawn': {
      subject: '{partner} ist nicht mehr registriert für {designation}',
      intro: ['Am {day} führte Partner Center {partner} nicht mehr als registriert für {designation}. Der Status ist jetzt „{status}“.'],
      dates: 'Der Jahrestag der Registrierung war der {anniversary}.',
      next: 'Was das bedeutet: Bezeichnung, Abzeichen und Vorteile gelten für {partner} nicht mehr. Falls das unerwartet ist, prüfen Sie die Registrierung in Partner Center (Mitgliedschaft → Solutions Partner).',
    },
    'renewal-reminder': {
      subjectBefore: 'Erinnerung: Verlängerung von {designation} für {partner} ab {anniversary} (noch {daysUntil})',
      subjectInWindow: 'Erinnerung: Verlängerungszeitraum von {designation} für {partner} endet am {renewEnd} (noch {daysLeft})',
      before:
        'Noch {daysUntil} bis zum Jahrestag von {designation} am {anniversary}. Der Verlängerungszeitraum läuft vom {renewStart} bis zum {renewEnd}. Der Status ist „{status}“.',
      inWindow:
        'Der Verlängerungszeitraum von {designation} (Jahrestag {anniversary}) endet am {renewEnd} (noch {daysLeft}). Der Status ist „{status}“.',
    },
    'at-risk': {
      subject: 'Gefährdet: {designation} für {partner} könnte unter {threshold} Punkte fallen',
      intro: [
        'Am {day} ergab die Prognose für den nächsten Monat, dass {designation} für {partner} unter {threshold} Punkte fällt. Der Status ist „{status}“; noch hat sich nichts geändert.',
      ],
      forecast: 'Prognose für den {forecastDay}: {forecastTotal} Punkte (heute {total}). Die sinkende Kennzahl ist {metric}.',
      forecastMetric:
        'Prognose für den {forecastDay}: {forecastTotal} Punkte (heute {total}). Die sinkende Kennzahl ist {metric}, heute {metricPoints} von {metricMax} Punkten.',
      meaning:
        'Ein Tag unter {threshold} Punkten ändert den Status nicht sofort, zählt aber nicht als qualifizierender Tag: Nur qualifizierende Tage halten einen Bereich „Qualifiziert“, ermöglichen die Registrierung und berechtigen zur Verlängerung.',
      next: 'Nächster Schritt: Halten Sie die Punktzahl bei mindestens {threshold}. Partner Center zeigt jede Kennzahl im Verhältnis zu ihrem Höchstwert.',
    },
    'claim-competing': {
      subject:
        'Konkurrierender Anspruch für {partner}: Ein anderer Partner hat {workloads} bei {customerShort} beansprucht (Anspruch {claimId})',
      intro: [
        'Am {since} hat ein anderer Partner einen CPOR-Anspruch für dieselbe Kunden-Workload eingereicht wie Ihr Anspruch {claim}. Microsoft gibt nicht bekannt, um welchen Partner es sich handelt, und auch diese Nachricht nennt ihn nicht.',
      ],
      claimTitle: 'Ihr Anspruch:',
      labels: {
        claim: 'Anspruch',
        customer: 'Kunde',
        workloads: 'Von beiden beanspruchte Workload',
        solutionArea: 'Lösungsbereich',
        claimStatus: 'Status des Anspruchs',
      },
      claimNamed: '{claimId} („{name}“)',
      customerDomain: '{domain} (Mandant {tenantId})',
      customerTenant: 'Mandant {tenantId}',
      workloadSubscription: '{workloads}, Abonnement {subscriptionId}',
      stake:
        'Worum es geht: Die CPOR-Zuordnung aus diesem Anspruch zählt für {designation}, und für diese Kunden-Workload kann sie nur ein Partner halten.',
      nextUndecided:
        'Wie es weitergeht: Microsoft entscheidet zwischen konkurrierenden Ansprüchen anhand des neuesten Ausführungsnachweises. Ihr Anspruch bleibt bis dahin in Prüfung, und die Prüfung kann länger dauern als üblich; die Zuordnung zählt für {partner} nur, wenn Microsoft diesen Anspruch genehmigt.',
      nextApproved:
        'Wie es weitergeht: Ihr Anspruch bleibt vorerst genehmigt. Microsoft entscheidet zwischen konkurrierenden Ansprüchen anhand des neuesten Ausführungsnachweises: Genehmigt Microsoft den anderen Anspruch, zählt die Zuordnung von {partner} für {workloads} bis einschließlich des Tages nach dieser Genehmigung und endet dann.',
      nextDraft:
        'Wie es weitergeht: Ihr Anspruch ist noch ein Entwurf. Sobald Sie ihn einreichen, prüft Microsoft ihn gegen den anderen Anspruch und entscheidet anhand des neuesten Ausführungsnachweises; die Prüfung kann länger dauern als üblich.',
      canDo:
        'Was Sie tun können: Stellen Sie sicher, dass der Ausführungsnachweis des Anspruchs {claimId} aktuell ist – das neueste mit dem Kunden vereinbarte Dokument für diese Arbeit (zum Beispiel eine vom Kunden unterzeichnete Leistungsbeschreibung) mit seinem Datum. In Partner Center können Sie ihn ersetzen, solange der Anspruch den Status „{actionRequired}“ hat.',
      statusLabels: {
        draft: 'Entwurf',
        submitted: 'Eingereicht',
        'under-review': 'In Prüfung',
        'partner-action-required': 'Aktion des Partners erforderlich',
        approved: 'Genehmigt',
        rejected: 'Abgelehnt',
        dispute: 'Einspruch',
        'rejected-final': 'Endgültig abgelehnt',
        expired: 'Abgelaufen',
      },
    },
  },
};
