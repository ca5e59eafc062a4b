// Français, vouvoiement. Libellés de statut comme dans Partner Center (interface française) ; les noms
// des désignations et des domaines de solutions restent, comme chez Microsoft, les noms anglais du programme.
// Les dates viennent de format.ts (« 1er novembre 2026 »).
import type { Wording } from './wording.js';

export const fr: Wording = {
  language: 'fr',
  statusLabels: {
    inProgress: 'En cours',
    qualified: 'Qualifié',
    enrolled: 'Inscrit',
    renewalDue: 'Inscrit (renouvellement dû)',
  },
  metricNames: {
    netCustomerAdds: 'Ajouts nets de clients',
    intermediateCertifications: 'Certifications de niveau intermédiaire',
    advancedCertifications: 'Certifications de niveau avancé',
    usageGrowth: 'Croissance de l’utilisation',
    deployments: 'Déploiements',
  },
  trackNames: { enterprise: 'Entreprise', smb: 'PME (SMB)' },
  designation: 'Solutions Partner for {area}',
  days: { one: '{n} jour', many: '{n} de jours', other: '{n} jours' },
  units: {
    activeUsers: { one: '{n} utilisateur actif', many: '{n} d’utilisateurs actifs', other: '{n} utilisateurs actifs' },
    paidSeats: { one: '{n} licence payante', many: '{n} de licences payantes', other: '{n} licences payantes' },
  },
  greeting: 'Bonjour {partner},',
  closing: 'Votre suivi des désignations',
  footer:
    'Vous recevez ce message parce que vous êtes un contact du partenaire {partnerId} dans le suivi des désignations. Les dates sont des jours UTC. Référence : {reference}',
  labels: {
    designation: 'Désignation',
    line: '{label} : {value}',
    status: 'Statut',
    day: 'Jour',
    anniversary: 'Date anniversaire',
    renewalWindow: 'Période de renouvellement',
    range: 'du {start} au {end}',
    score: 'Score au {asOf} :',
    track: 'Parcours',
    total: 'Total',
    totalValue: '{total} points ({threshold} requis pour être qualifié)',
    metricValue: '{points} sur {max}',
    qualificationWindow: 'Période de qualification',
    eligibilityWindow: 'Période d’éligibilité au renouvellement',
  },
  noAnniversary:
    'Partner Center indique la date anniversaire et la période de renouvellement de l’inscription (Adhésion → Solutions Partner).',
  generic: {
    subject: '{designation} pour {partner} : {status}',
    intro: 'Le {day}, le statut de {designation} pour {partner} est devenu « {status} ».',
  },
  eligibility: {
    eligible:
      'Prochaine étape : {partner} peut renouveler {designation}, car le score requis a été atteint un jour de sa période. Renouvelez dans Partner Center pendant la période de renouvellement, au plus tard le {renewEnd}, pour conserver la désignation et ses avantages sans interruption.',
    notYetEligible:
      'Prochaine étape : {partner} ne peut pas encore renouveler {designation}, car le score requis n’a été atteint aucun jour de sa période. Il suffit de l’atteindre un seul jour, d’ici le {qualifyBy} ; sans renouvellement au plus tard le {renewEnd}, la désignation expire.',
    unknown:
      'Prochaine étape : vérifiez dans Partner Center si {designation} peut être renouvelée et renouvelez-la au plus tard le {renewEnd}.',
  },
  plan: {
    reach: 'Ce qui porterait {designation} à {threshold} points :',
    hold: 'Ce qui maintiendrait {designation} à {threshold} points ou plus le mois prochain :',
    notFound:
      'Aucune combinaison d’actions dans les limites du planificateur n’atteint {threshold} points ; Partner Center indique l’écart de chaque indicateur par rapport à son maximum.',
    notFoundHold:
      'Aucune combinaison d’actions dans les limites du planificateur ne maintient {designation} à {threshold} points le mois prochain.',
    noneNeeded: 'Aucune action supplémentaire n’est nécessaire pour rester à {threshold} points ou plus.',
    certification: 'Faire obtenir à la personne {personId} la certification « {certification} » ({metric}).',
    certificationNewPerson:
      'Rattacher une nouvelle personne au partenaire et lui faire obtenir la certification « {certification} » ({metric}).',
    newCustomer: 'Gagner un nouveau client (locataire {tenantId}, {association}) avec {amount} de {name} en {month} ({metric}).',
    moreUsage: 'Ajouter {amount} de {name} chez le client {tenantId} ({association}) en {month} ({metric}).',
    newDeployment: 'Déployer {name} chez le client {tenantId} ({association}) avec {amount} en {month} ({metric}).',
  },
  kinds: {
    qualified: {
      subject: '{partner} est qualifié pour {designation}',
      intro: ['Le {day}, {partner} a atteint le score requis pour {designation}. Le statut est désormais « {status} ».'],
      next: 'Prochaine étape : vous pouvez vous inscrire dans Partner Center (Adhésion → Solutions Partner) pendant la période qui se termine le {enrollBy}. Le statut reste « Qualifié » tant qu’un jour qualifiant figure dans la période glissante du mois en cours et des {previousMonths} mois précédents ; une nouvelle qualification la prolonge.',
    },
    'no-longer-qualified': {
      subject: '{partner} n’est plus qualifié pour {designation}',
      intro: [
        'Le {day}, la période de qualification de {designation} ne contenait plus de jour qualifiant ; le statut est redevenu « {status} ».',
      ],
      next: 'Prochaine étape : dès que {partner} atteint de nouveau le score requis un jour, le statut redevient « Qualifié » et vous pouvez vous inscrire. Partner Center affiche la période et le score le plus élevé de chaque mois.',
    },
    enrolled: {
      subject: '{partner} est inscrit à {designation}',
      intro: ['Le {day}, {partner} a été inscrit à {designation}. Le statut est désormais « {status} ».'],
      automatic:
        'Le {day}, {designation} a été ajoutée automatiquement à l’inscription de {partner} : un Solutions Partner qui se qualifie dans un autre domaine de solutions y est inscrit sans frais supplémentaires. Le statut est désormais « {status} ».',
      dates:
        'La désignation est détenue jusqu’à la date anniversaire du {anniversary} ; la période de renouvellement va du {renewStart} au {renewEnd}.',
      datesInWindow:
        'La date anniversaire de cette inscription, le {anniversary}, est déjà passée : la période de renouvellement court jusqu’au {renewEnd}.',
      datesPast:
        'La date anniversaire de cette inscription, le {anniversary}, et sa période de renouvellement (jusqu’au {renewEnd}) sont déjà passées ; Partner Center (Adhésion → Solutions Partner) indique la date anniversaire actuelle.',
      next: 'Prochaine étape : pour pouvoir renouveler, {partner} doit atteindre le score requis au moins un jour entre le {eligStart} et le {eligEnd}.',
      nextQualifies:
        'Rien à faire pour l’instant : {designation} est qualifiée aujourd’hui. Le renouvellement demande un jour qualifiant entre le {eligStart} et le {eligEnd} ; il suffit de maintenir le score à {threshold} points ou plus jusqu’à cette période.',
      nextEligible:
        'Rien à faire pour l’instant : {designation} est qualifiée aujourd’hui, un jour compris entre le {eligStart} et le {eligEnd} ; {partner} pourra donc la renouveler pendant la période de renouvellement (du {renewStart} au {renewEnd}).',
    },
    'renewal-due': {
      subject: 'Renouvellement dû : {designation} pour {partner}',
      intro: [
        'Le {day}, {designation} est entrée dans sa période de renouvellement (date anniversaire : {anniversary}). Celle-ci se termine le {renewEnd} ; d’ici là, les avantages continuent. Le statut est désormais « {status} ».',
      ],
    },
    renewed: {
      subject: '{partner} a renouvelé {designation}',
      intro: ['Le {day}, {partner} a renouvelé {designation}. Le statut est désormais « {status} ».'],
      dates:
        'La prochaine date anniversaire est le {anniversary} ; la prochaine période de renouvellement va du {renewStart} au {renewEnd}.',
      next: 'Rien à faire pour l’instant. Pour pouvoir renouveler la prochaine fois, {partner} doit atteindre le score requis au moins un jour entre le {eligStart} et le {eligEnd}.',
    },
    lapsed: {
      subject: '{designation} a expiré pour {partner}',
      intro: [
        'La période de renouvellement de {designation} (date anniversaire : {anniversary}) s’est terminée le {renewEnd} sans renouvellement. Le {day}, le statut est redevenu « {status} ».',
      ],
      lost: 'Ce qui est perdu : {partner} ne détient plus {designation}, ni son badge, ni les avantages qui y sont liés.',
      next: 'Prochaine étape : pour obtenir de nouveau la désignation, {partner} doit se qualifier à nouveau et acheter de nouveau l’offre Solutions Partner dans Partner Center.',
      nextQualifies:
        'Prochaine étape : {designation} est qualifiée aujourd’hui ; {partner} peut donc acheter de nouveau l’offre Solutions Partner dans Partner Center pour obtenir de nouveau la désignation.',
    },
    'enrollment-withdrawn': {
      subject: '{partner} n’est plus inscrit à {designation}',
      intro: ['Le {day}, Partner Center n’indiquait plus {partner} comme inscrit à {designation}. Le statut est désormais « {status} ».'],
      dates: 'L’inscription avait pour date anniversaire le {anniversary}.',
      next: 'Ce que cela signifie : la désignation, son badge et ses avantages ne s’appliquent plus à {partner}. Si ce n’est pas attendu, vérifiez l’inscription dans Partner Center (Adhésion → Solutions Partner).',
    },
    'renewal-reminder': {
      subjectBefore: 'Rappel : {designation} pour {partner} est à renouveler le {anniversary} (dans {daysUntil})',
      subjectInWindow: 'Rappel : la période de renouvellement de {designation} pour {partner} se termine le {renewEnd} (dans {daysLeft})',
      before:
        'Il reste {daysUntil} avant la date anniversaire de {designation}, le {anniversary}. La période de renouvellement va du {renewStart} au {renewEnd}. Le statut est « {status} ».',
      inWindow:
        'La période de renouvellement de {designation} (date anniversaire : {anniversary}) se termine le {renewEnd}, dans {daysLeft}. Le statut est « {status} ».',
    },
    'at-risk': {
      subject: 'Risque : {designation} pour {partner} pourrait passer sous {threshold} points',
      intro: [
        'Le {day}, la prévision pour le mois prochain place {designation} pour {partner} sous {threshold} points. Le statut est « {status} » ; rien n’a encore changé.',
      ],
      forecast: 'Prévision au {forecastDay} : {forecastTotal} points (aujourd’hui : {total}). L’indicateur en baisse est « {metric} ».',
      forecastMetric:
        'Prévision au {forecastDay} : {forecastTotal} points (aujourd’hui : {total}). L’indicateur en baisse est « {metric} », aujourd’hui à {metricPoints} points sur {metricMax}.',
      meaning:
        'Un jour sous {threshold} points ne change pas le statut immédiatement, mais ce n’est pas un jour qualifiant : seuls les jours qualifiants maintiennent un domaine « Qualifié », permettent de s’inscrire et ouvrent droit au renouvellement.',
      next: 'Prochaine étape : maintenez le score à {threshold} points ou plus. Partner Center indique chaque indicateur par rapport à son maximum.',
    },
    'claim-competing': {
      subject:
        'Revendication concurrente pour {partner} : un autre partenaire a revendiqué {workloads} chez {customerShort} (revendication {claimId})',
      intro: [
        'Le {since}, un autre partenaire a soumis une revendication CPOR pour la même charge de travail client que votre revendication {claim}. Microsoft ne communique pas de quel partenaire il s’agit, et ce message non plus.',
      ],
      claimTitle: 'Votre revendication :',
      labels: {
        claim: 'Revendication',
        customer: 'Client',
        workloads: 'Charge de travail revendiquée par les deux',
        solutionArea: 'Domaine de solutions',
        claimStatus: 'Statut de la revendication',
      },
      claimNamed: '{claimId} (« {name} »)',
      customerDomain: '{domain} (locataire {tenantId})',
      customerTenant: 'locataire {tenantId}',
      workloadSubscription: '{workloads}, abonnement {subscriptionId}',
      stake:
        'Ce qui est en jeu : l’association CPOR que donne cette revendication compte pour {designation}, et un seul partenaire peut la détenir pour cette charge de travail client.',
      nextUndecided:
        'Prochaine étape : Microsoft arbitre les revendications concurrentes sur la preuve d’exécution la plus récente. Votre revendication reste en cours d’examen d’ici là, et l’examen peut prendre plus de temps que d’habitude ; l’association ne compte pour {partner} que si Microsoft approuve cette revendication.',
      nextApproved:
        'Prochaine étape : votre revendication reste approuvée pour l’instant. Microsoft arbitre les revendications concurrentes sur la preuve d’exécution la plus récente : s’il approuve l’autre revendication, l’association de {partner} pour {workloads} compte jusqu’au lendemain de cette approbation inclus, puis prend fin.',
      nextDraft:
        'Prochaine étape : votre revendication est encore un brouillon. Une fois soumise, Microsoft l’examine face à l’autre revendication et arbitre sur la preuve d’exécution la plus récente ; l’examen peut prendre plus de temps que d’habitude.',
      canDo:
        'Ce que vous pouvez faire : assurez-vous que la preuve d’exécution de la revendication {claimId} est à jour, c’est-à-dire le document le plus récent convenu avec le client pour ce travail (par exemple un énoncé des travaux signé par le client), avec sa date. Partner Center permet de la remplacer tant que la revendication est au statut « {actionRequired} ».',
      statusLabels: {
        draft: 'Brouillon',
        submitted: 'Soumise',
        'under-review': 'En cours d’examen',
        'partner-action-required': 'Action du partenaire requise',
        approved: 'Approuvée',
        rejected: 'Rejetée',
        dispute: 'Contestation',
        'rejected-final': 'Rejetée (définitivement)',
        expired: 'Expirée',
      },
    },
  },
};
