// Nederlands, u-vorm. Statusnamen zoals in Partner Center; de namen van de aanduidingen en
// oplossingsgebieden blijven, zoals bij Microsoft, de Engelse programmanamen.
import type { Wording } from './wording.js';

export const nl: Wording = {
  language: 'nl',
  statusLabels: {
    inProgress: 'In uitvoering',
    qualified: 'Gekwalificeerd',
    enrolled: 'Ingeschreven',
    renewalDue: 'Ingeschreven (verlenging vereist)',
  },
  metricNames: {
    netCustomerAdds: 'Netto nieuwe klanten',
    intermediateCertifications: 'Certificeringen op intermediate niveau',
    advancedCertifications: 'Certificeringen op advanced niveau',
    usageGrowth: 'Groei van het gebruik',
    deployments: 'Implementaties',
  },
  trackNames: { enterprise: 'Enterprise', smb: 'Mkb (SMB)' },
  designation: 'Solutions Partner for {area}',
  days: { one: '{n} dag', other: '{n} dagen' },
  units: {
    activeUsers: { one: '{n} actieve gebruiker', other: '{n} actieve gebruikers' },
    paidSeats: { one: '{n} betaalde licentie', other: '{n} betaalde licenties' },
  },
  greeting: 'Beste {partner},',
  closing: 'Uw Designation Tracker',
  footer:
    'U ontvangt dit bericht omdat u in de Designation Tracker bent geregistreerd als contactpersoon van partner {partnerId}. Alle datums zijn UTC-dagen. Referentie: {reference}',
  labels: {
    designation: 'Aanduiding',
    line: '{label}: {value}',
    status: 'Status',
    day: 'Dag',
    anniversary: 'Jubileumdatum',
    renewalWindow: 'Verlengingsperiode',
    range: '{start} t/m {end}',
    score: 'Score op {asOf}:',
    track: 'Track',
    total: 'Totaal',
    totalValue: '{total} punten ({threshold} nodig om te kwalificeren)',
    metricValue: '{points} van {max}',
    qualificationWindow: 'Kwalificatieperiode',
    eligibilityWindow: 'Periode voor verlengingsrecht',
  },
  noAnniversary: 'Partner Center toont de jubileumdatum en de verlengingsperiode van de inschrijving (Lidmaatschap → Solutions Partner).',
  generic: {
    subject: '{designation} voor {partner}: {status}',
    intro: 'Op {day} is de status van {designation} voor {partner} gewijzigd in ‘{status}’.',
  },
  eligibility: {
    eligible:
      'Volgende stap: {partner} kan {designation} verlengen, omdat op een dag in de periode aan de kwalificatie is voldaan. Verleng in Partner Center tijdens de verlengingsperiode, uiterlijk op {renewEnd}, zodat de aanduiding en de voordelen zonder onderbreking behouden blijven.',
    notYetEligible:
      'Volgende stap: {partner} kan {designation} nog niet verlengen, omdat op geen enkele dag in de periode aan de kwalificatie is voldaan. Dat kan nog: één dag met een kwalificerende score tot en met {qualifyBy} is voldoende. Zonder verlenging uiterlijk op {renewEnd} vervalt de aanduiding.',
    unknown: 'Volgende stap: controleer in Partner Center of {designation} kan worden verlengd, en verleng uiterlijk op {renewEnd}.',
  },
  plan: {
    reach: 'Hiermee bereikt {designation} {threshold} punten:',
    hold: 'Hiermee blijft {designation} volgende maand op {threshold} punten of meer:',
    notFound:
      'Binnen de grenzen van de planner bereikt geen enkele combinatie van stappen {threshold} punten; Partner Center toont hoe ver elke meetwaarde van het maximum af zit.',
    notFoundHold:
      'Binnen de grenzen van de planner houdt geen enkele combinatie van stappen {designation} volgende maand op {threshold} punten.',
    noneNeeded: 'Er is geen extra stap nodig om op {threshold} punten of meer te blijven.',
    certification: 'Persoon {personId} de certificering ‘{certification}’ laten behalen ({metric}).',
    certificationNewPerson: 'Een nieuwe persoon aan de partner koppelen en de certificering ‘{certification}’ laten behalen ({metric}).',
    newCustomer: 'Een nieuwe klant winnen (tenant {tenantId}, {association}) met {amount} aan {name} in {month} ({metric}).',
    moreUsage: 'Het gebruik van {name} bij klant {tenantId} ({association}) in {month} met {amount} verhogen ({metric}).',
    newDeployment: '{name} implementeren bij klant {tenantId} ({association}) met {amount} in {month} ({metric}).',
  },
  kinds: {
    qualified: {
      subject: '{partner} is gekwalificeerd voor {designation}',
      intro: ['Op {day} heeft {partner} een kwalificerende score voor {designation} behaald. De status is nu ‘{status}’.'],
      next: 'Volgende stap: u kunt zich in Partner Center (Lidmaatschap → Solutions Partner) inschrijven binnen de periode die eindigt op {enrollBy}. De status blijft ‘Gekwalificeerd’ zolang er een kwalificerende dag ligt in de doorlopende periode van de huidige maand en de {previousMonths} maanden daarvoor; een latere nieuwe kwalificatie verlengt die periode.',
    },
    'no-longer-qualified': {
      subject: '{partner} is niet meer gekwalificeerd voor {designation}',
      intro: [
        'Op {day} bevatte de kwalificatieperiode van {designation} geen kwalificerende dag meer; de status is teruggezet naar ‘{status}’.',
      ],
      next: 'Volgende stap: zodra {partner} op een willekeurige dag weer aan de kwalificatie voldoet, wordt de status weer ‘Gekwalificeerd’ en kunt u zich inschrijven. Partner Center toont de periode en de hoogste score van elke maand.',
    },
    enrolled: {
      subject: '{partner} is ingeschreven voor {designation}',
      intro: ['Op {day} is {partner} ingeschreven voor {designation}. De status is nu ‘{status}’.'],
      automatic:
        'Op {day} is {designation} automatisch toegevoegd aan de inschrijving van {partner}: een Solutions Partner die in een ander oplossingsgebied kwalificeert, wordt daar zonder extra kosten ingeschreven. De status is nu ‘{status}’.',
      dates: 'De aanduiding geldt tot de jubileumdatum op {anniversary}; de verlengingsperiode loopt van {renewStart} t/m {renewEnd}.',
      datesInWindow:
        'De jubileumdatum van deze inschrijving, {anniversary}, is al verstreken: de verlengingsperiode loopt nog t/m {renewEnd}.',
      datesPast:
        'De jubileumdatum van deze inschrijving, {anniversary}, en de verlengingsperiode (t/m {renewEnd}) zijn al verstreken; Partner Center (Lidmaatschap → Solutions Partner) toont de huidige jubileumdatum.',
      next: 'Volgende stap: om te kunnen verlengen, moet {partner} op minstens één dag tussen {eligStart} en {eligEnd} aan de kwalificatie voldoen.',
      nextQualifies:
        'U hoeft nu niets te doen: {designation} kwalificeert vandaag. Voor verlenging is één kwalificerende dag tussen {eligStart} en {eligEnd} nodig; het volstaat de score tot in die periode op {threshold} punten of meer te houden.',
      nextEligible:
        'U hoeft nu niets te doen: {designation} kwalificeert vandaag, een dag tussen {eligStart} en {eligEnd}. {partner} kan de aanduiding dus verlengen in de verlengingsperiode ({renewStart} t/m {renewEnd}).',
    },
    'renewal-due': {
      subject: 'Verlenging vereist: {designation} voor {partner}',
      intro: [
        'Op {day} is de verlengingsperiode van {designation} begonnen (jubileumdatum {anniversary}). Deze eindigt op {renewEnd}; tot die tijd blijven de voordelen gelden. De status is nu ‘{status}’.',
      ],
    },
    renewed: {
      subject: '{partner} heeft {designation} verlengd',
      intro: ['Op {day} heeft {partner} {designation} verlengd. De status is nu ‘{status}’.'],
      dates: 'De volgende jubileumdatum is {anniversary}; de volgende verlengingsperiode loopt van {renewStart} t/m {renewEnd}.',
      next: 'U hoeft nu niets te doen. Om de volgende keer te kunnen verlengen, moet {partner} op minstens één dag tussen {eligStart} en {eligEnd} aan de kwalificatie voldoen.',
    },
    lapsed: {
      subject: '{designation} is vervallen voor {partner}',
      intro: [
        'De verlengingsperiode van {designation} (jubileumdatum {anniversary}) is op {renewEnd} zonder verlenging afgelopen. Op {day} is de status teruggezet naar ‘{status}’.',
      ],
      lost: 'Wat vervalt: {partner} heeft {designation} niet meer, en ook de badge en de bijbehorende voordelen niet.',
      next: 'Volgende stap: om de aanduiding opnieuw te krijgen, moet {partner} opnieuw kwalificeren en het Solutions Partner-aanbod opnieuw aanschaffen in Partner Center.',
      nextQualifies:
        'Volgende stap: {designation} kwalificeert vandaag, dus {partner} kan het Solutions Partner-aanbod opnieuw aanschaffen in Partner Center om de aanduiding opnieuw te krijgen.',
    },
    'enrollment-withdrawn': {
      subject: '{partner} is niet meer ingeschreven voor {designation}',
      intro: ['Op {day} vermeldde Partner Center {partner} niet meer als ingeschreven voor {designation}. De status is nu ‘{status}’.'],
      dates: 'De jubileumdatum van de inschrijving was {anniversary}.',
      next: 'Wat dit betekent: de aanduiding, de badge en de voordelen gelden niet meer voor {partner}. Als dit onverwacht is, controleer dan de inschrijving in Partner Center (Lidmaatschap → Solutions Partner).',
    },
    'renewal-reminder': {
      subjectBefore: 'Herinnering: {designation} voor {partner} moet op {anniversary} worden verlengd (over {daysUntil})',
      subjectInWindow: 'Herinnering: de verlengingsperiode van {designation} voor {partner} eindigt op {renewEnd} (over {daysLeft})',
      before:
        'Nog {daysUntil} tot de jubileumdatum van {designation} op {anniversary}. De verlengingsperiode loopt van {renewStart} t/m {renewEnd}. De status is ‘{status}’.',
      inWindow:
        'De verlengingsperiode van {designation} (jubileumdatum {anniversary}) eindigt op {renewEnd}, over {daysLeft}. De status is ‘{status}’.',
    },
    'at-risk': {
      subject: 'Risico: {designation} voor {partner} kan onder {threshold} punten zakken',
      intro: [
        'Op {day} liet de prognose voor volgende maand {designation} voor {partner} onder {threshold} punten uitkomen. De status is ‘{status}’; er is nog niets veranderd.',
      ],
      forecast: 'Prognose voor {forecastDay}: {forecastTotal} punten (vandaag {total}). De meetwaarde die daalt is ‘{metric}’.',
      forecastMetric:
        'Prognose voor {forecastDay}: {forecastTotal} punten (vandaag {total}). De meetwaarde die daalt is ‘{metric}’, vandaag {metricPoints} van {metricMax} punten.',
      meaning:
        'Een dag onder {threshold} punten verandert de status niet meteen, maar telt niet als kwalificerende dag: alleen kwalificerende dagen houden een gebied ‘Gekwalificeerd’, maken inschrijven mogelijk en geven recht op verlenging.',
      next: 'Volgende stap: houd de score op {threshold} punten of meer. Partner Center toont elke meetwaarde ten opzichte van het maximum.',
    },
    'claim-competing': {
      subject: 'Concurrerende claim voor {partner}: een andere partner heeft {workloads} bij {customerShort} geclaimd (claim {claimId})',
      intro: [
        'Op {since} heeft een andere partner een CPOR-claim ingediend voor dezelfde workload van de klant als uw claim {claim}. Microsoft maakt niet bekend om welke partner het gaat, en dit bericht evenmin.',
      ],
      claimTitle: 'Uw claim:',
      labels: {
        claim: 'Claim',
        customer: 'Klant',
        workloads: 'Door beide geclaimde workload',
        solutionArea: 'Oplossingsgebied',
        claimStatus: 'Status van de claim',
      },
      claimNamed: '{claimId} (‘{name}’)',
      customerDomain: '{domain} (tenant {tenantId})',
      customerTenant: 'tenant {tenantId}',
      workloadSubscription: '{workloads}, abonnement {subscriptionId}',
      stake:
        'Wat er op het spel staat: de CPOR-koppeling uit deze claim telt mee voor {designation}, en voor deze workload van de klant kan maar één partner die koppeling hebben.',
      nextUndecided:
        'Wat er nu gebeurt: Microsoft beslist tussen concurrerende claims op basis van het meest recente bewijs van uitvoering. Uw claim blijft intussen in beoordeling, en de beoordeling kan langer duren dan gewoonlijk; de koppeling telt alleen voor {partner} als Microsoft deze claim goedkeurt.',
      nextApproved:
        'Wat er nu gebeurt: uw claim blijft voorlopig goedgekeurd. Microsoft beslist tussen concurrerende claims op basis van het meest recente bewijs van uitvoering: keurt Microsoft de andere claim goed, dan telt de koppeling van {partner} voor {workloads} tot en met de dag na die goedkeuring en eindigt daarna.',
      nextDraft:
        'Wat er nu gebeurt: uw claim is nog een concept. Zodra u hem indient, beoordeelt Microsoft hem tegenover de andere claim en beslist op basis van het meest recente bewijs van uitvoering; de beoordeling kan langer duren dan gewoonlijk.',
      canDo:
        'Wat u kunt doen: zorg dat het bewijs van uitvoering van claim {claimId} actueel is: het meest recente document dat voor dit werk met de klant is afgesproken (bijvoorbeeld een door de klant ondertekende opdrachtomschrijving), met de datum. In Partner Center kunt u het vervangen zolang de claim de status ‘{actionRequired}’ heeft.',
      statusLabels: {
        draft: 'Concept',
        submitted: 'Ingediend',
        'under-review': 'In beoordeling',
        'partner-action-required': 'Actie van partner vereist',
        approved: 'Goedgekeurd',
        rejected: 'Afgewezen',
        dispute: 'Geschil',
        'rejected-final': 'Definitief afgewezen',
        expired: 'Verlopen',
      },
    },
  },
};
