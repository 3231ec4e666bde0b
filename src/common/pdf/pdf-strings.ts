/**
 * Every fixed string of the printed documents (the report to the prosecutor, the decision), one table
 * per language. A document is printed in its instrument's language (the assessment's `language`);
 * a language without a table falls back to French. No English is written inline anywhere else.
 */
const FR = {
  dateLocale: 'fr-FR',
  // Frame: header and footer of every page.
  confidential: 'Document confidentiel — données à caractère personnel',
  page: (n: number, total: number) => `Page ${n} / ${total}`,
  generatedOn: (when: string) => `Édité le ${when}`,
  caseRef: (reference: string) => `Dossier ${reference}`,
  at: (date: string, time: string) => `${date} à ${time}`,
  // Signature block.
  madeAt: 'Fait à',
  on: 'le',
  signatureAndSeal: 'Signature et sceau',
  prosecutor: 'Le procureur de la République / Le substitut',
  nameAndRank: 'Nom et qualité :',

  // The report.
  reportTitle: 'Évaluation du danger — rapport au procureur de la République',
  reportSubtitle: 'Téléphone grave danger (article 41-3-1 du code de procédure pénale)',
  caseHeading: 'Dossier',
  reference: 'Référence',
  jurisdiction: 'Ressort',
  coordinator: 'Coordinateur',
  issued: 'Édité le',
  levelHeading: 'Niveau de danger retenu',
  decisiveGround: 'Motif déterminant',
  decisiveComputed: 'Motif déterminant du niveau calculé par la grille',
  override: 'Niveau relevé par jugement professionnel',
  overrideBy: (by: string, when: string) => `par ${by}, le ${when}`,
  computed: 'Niveau calculé par la grille',
  computedWas: (level: string) => `niveau calculé par la grille : ${level}`,
  forcedBy: (level: string) => `Le niveau « ${level} » est imposé par :`,
  reachedByPoints: (points: number, level: string, threshold: number | undefined) =>
    threshold === undefined
      ? `Total de ${points} point(s) : niveau « ${level} ».`
      : `Total de ${points} point(s), seuil de ${threshold} du niveau « ${level} » atteint.`,
  baseLevel: (level: string) =>
    `Aucune règle ni aucun seuil ne relève le niveau : niveau de base « ${level} ».`,
  instrument: 'Grille',
  points: 'Total des points',
  submitted: 'Évaluation soumise le',
  trend: 'Évolution depuis la précédente évaluation',
  direction: { up: 'en hausse', same: 'stable', down: 'en baisse' } as Record<string, string>,
  rulesHeading: 'Règles de la grille déclenchées',
  rulesIntro:
    'Chaque règle déclenchée, avec son poids et son motif ; les règles déterminantes en premier.',
  none: 'aucune',
  noneFired: 'Aucune règle déclenchée.',
  decisiveTag: 'déterminante',
  kind: {
    weight: 'facteur',
    'red-flag': 'signal rouge',
    'minimum-level': 'niveau minimum',
  } as Record<string, string>,
  pointsShort: (points: number) => `${points} pt${points > 1 ? 's' : ''}`,
  atLeast: (level: string) => `impose au moins « ${level} »`,
  unknownHeading: 'Réponses inconnues',
  noUnknown: 'Toutes les questions ont reçu une réponse.',
  unknownSummary: (count: number, ratio: number, max: number | null) =>
    `${count} réponse(s) inconnue(s) ou non renseignée(s) (${Math.round(ratio * 100)} %` +
    (max === null ? ')' : `, seuil d'évaluation incomplète : ${Math.round(max * 100)} %)`),
  incomplete: 'Évaluation incomplète : le niveau calculé peut sous-estimer le danger.',
  unknownAnswer: { unknown: 'répondu « ne sait pas »', unanswered: 'non renseignée' } as Record<
    string,
    string
  >,
  unknownTreatment: {
    not_scored: 'non comptée',
    scored_as_yes: 'comptée comme « oui » par précaution',
  } as Record<string, string>,
  victimHeading: 'La victime et les enfants',
  victim: 'Victime',
  bornOn: (date: string) => `née le ${date}`,
  consentTgd: 'Consentement au TGD',
  consentGiven: (date: string, how: string) => `donné le ${date}${how ? ` (${how})` : ''}`,
  consentRefused: (date: string, how: string) => `refusé le ${date}${how ? ` (${how})` : ''}`,
  consentNone: 'non recueilli',
  consentMeans: {
    in_person: 'en personne',
    written: 'par écrit',
    phone: 'par téléphone',
    other: 'autre moyen',
  } as Record<string, string>,
  children: 'Enfants',
  noChildren: 'aucun',
  child: (name: string | undefined, age: number, roles: string[]) =>
    `${name ? `${name}, ` : ''}${age} an${age > 1 ? 's' : ''}${roles.length ? `, ${roles.join(', ')}` : ''}`,
  childExposed: 'témoin des violences',
  childVictim: 'victime directe',
  authorHeading: "L'auteur",
  authorName: 'Nom',
  unknownName: 'non renseigné',
  address: 'Adresse',
  cohabitation: 'Cohabitation',
  cohabits: {
    yes: 'vit avec la victime',
    no: 'ne vit pas avec la victime',
    unknown: 'non renseignée',
  },
  weapons: 'Armes connues',
  weaponKinds: {
    firearm_declared: 'arme à feu déclarée',
    firearm_undeclared: 'arme à feu non déclarée',
    knife: 'arme blanche',
    other: 'autre arme',
  } as Record<string, string>,
  measuresInForce: 'Mesures judiciaires en vigueur',
  measureTypes: {
    protection_order: 'ordonnance de protection',
    contact_ban: 'interdiction de contact',
    alternative_to_prosecution: 'alternative aux poursuites',
    composition_penale: 'composition pénale',
    judicial_supervision: 'contrôle judiciaire',
    electronic_house_arrest: 'assignation à résidence sous surveillance électronique',
    conviction: 'condamnation',
    sentence_adjustment: 'aménagement de peine',
    safety_measure: 'mesure de sûreté',
    anti_approach_bracelet: 'bracelet anti-rapprochement',
  } as Record<string, string>,
  measureDates: (from: string, to: string | undefined) =>
    to ? `du ${from} au ${to}` : `depuis le ${from}`,
  description: 'Signalement',
  measuresHeading: 'Mesures recommandées',
  legalBasisOf: (basis: string) => `Base légale : ${basis}`,
  noMeasure: 'Aucune mesure recommandée par les règles.',
  tgdHeading: 'Conditions légales du TGD (article 41-3-1 du code de procédure pénale)',
  status: { met: 'remplie', not_met: 'non remplie', unknown: 'à établir' } as Record<
    string,
    string
  >,
  condition: {
    grave_danger: (status: string, level: string) =>
      status === 'met'
        ? `Danger grave : niveau « ${level} ».`
        : `Danger grave : le niveau « ${level} » est en dessous des deux niveaux les plus élevés de la grille.`,
    consent: (status: string) =>
      status === 'met'
        ? 'Accord exprès de la victime : recueilli.'
        : status === 'not_met'
          ? 'Accord exprès de la victime : elle a refusé le dispositif.'
          : 'Accord exprès de la victime : pas encore recueilli au dossier.',
    no_cohabitation: (status: string) =>
      status === 'met'
        ? "Absence de cohabitation : la victime et l'auteur ne vivent pas ensemble."
        : status === 'not_met'
          ? "Absence de cohabitation : l'auteur vit avec la victime."
          : 'Absence de cohabitation : non renseignée au dossier.',
    contact_ban_or_imminent_danger: (status: string, bans: string[]) =>
      bans.length > 0
        ? `Interdiction de contact en vigueur : ${bans.join(', ')}.`
        : status === 'met'
          ? "Pas encore d'interdiction de contact, mais danger au niveau le plus élevé : danger avéré et imminent, à apprécier par le procureur."
          : 'Ni interdiction de contact en vigueur, ni danger au niveau le plus élevé.',
  } as Record<string, (status: string, arg: never) => string>,
  historyHeading: 'Évaluations précédentes',
  noHistory: 'Aucune évaluation précédente.',
  decisionHeading: 'Décision du procureur de la République',
  choiceGranted: "Attribution d'un téléphone grave danger accordée",
  choiceRefused: "Attribution d'un téléphone grave danger refusée",
  choiceOther: 'Autres mesures ordonnées',
  grounds: 'Motifs :',

  // The decision.
  parquet: 'PARQUET PRÈS LE TRIBUNAL JUDICIAIRE',
  court: (jurisdiction: string) => `de …………………………………… (ressort ${jurisdiction})`,
  decisionTitle: "Décision relative à l'attribution d'un téléphone grave danger",
  requestFiled: 'Demande présentée le',
  filedBy: 'par',
  decidedOn: 'Décision prise le',
  legalBasisHeading: 'Vu',
  legalBasisText:
    "l'article 41-3-1 du code de procédure pénale, qui permet au procureur de la République, en cas de grave danger menaçant une personne victime de violences de la part de son conjoint, de son concubin ou de son partenaire lié par un pacte civil de solidarité, ancien ou actuel, ou d'un viol, d'attribuer à la victime, pour une durée renouvelable de six mois et si elle y consent expressément, un dispositif de téléprotection lui permettant d'alerter les autorités publiques ;",
  assessmentSeen: (level: string, date: string) =>
    `l'évaluation du danger du ${date}, niveau de danger retenu : « ${level} » ;`,
  consentSeen: (date: string) => `l'accord exprès de la victime, recueilli le ${date} ;`,
  decides: 'DÉCIDE',
  granted: "L'attribution d'un téléphone grave danger est ACCORDÉE.",
  refused: "L'attribution d'un téléphone grave danger est REFUSÉE.",
  reasonsHeading: 'Motifs',
  periodHeading: "Durée de l'attribution",
  period: (from: string, to: string, months: number) =>
    `Du ${from} au ${to} (${months} mois, renouvelable sur décision du procureur de la République).`,
  conditionsHeading: 'Conditions de mise à disposition du dispositif',
  conditions: [
    "Le dispositif est remis à la victime, qui l'accepte expressément ; elle le garde chargé et sur elle.",
    "Avec son accord, le dispositif permet sa géolocalisation au moment où elle déclenche l'alerte.",
    'Les données de géolocalisation sont conservées trois jours, huit jours au plus sur autorisation du procureur de la République (arrêté du 22 avril 2015, art. 5).',
    "Le dispositif est restitué à la fin de l'attribution, ou plus tôt sur décision du procureur de la République.",
  ],
  levelInForce: 'Niveau de danger en vigueur',
  levelOf: (date: string) => `évaluation du ${date}`,
  victimShort: 'Victime',
};

export type PdfStrings = typeof FR;

const EN: PdfStrings = {
  ...FR,
  dateLocale: 'en-GB',
  confidential: 'Confidential document — personal data',
  page: (n, total) => `Page ${n} / ${total}`,
  generatedOn: (when) => `Printed on ${when}`,
  caseRef: (reference) => `Case ${reference}`,
  at: (date, time) => `${date} at ${time}`,
  madeAt: 'Done at',
  on: 'on',
  signatureAndSeal: 'Signature and seal',
  prosecutor: 'The public prosecutor / The deputy prosecutor',
  nameAndRank: 'Name and rank:',
  reportTitle: 'Danger assessment — report to the public prosecutor',
  reportSubtitle: 'Grave Danger Phone (article 41-3-1 of the French code of criminal procedure)',
  caseHeading: 'Case',
  reference: 'Reference',
  jurisdiction: 'Jurisdiction',
  coordinator: 'Coordinator',
  issued: 'Printed on',
  levelHeading: 'Danger level in force',
  decisiveGround: 'Decisive ground',
  decisiveComputed: 'Decisive ground of the level computed by the instrument',
  override: 'Level raised by professional judgement',
  overrideBy: (by, when) => `by ${by}, on ${when}`,
  computed: 'Level computed by the instrument',
  computedWas: (level) => `level computed by the instrument: ${level}`,
  forcedBy: (level) => `The level "${level}" is imposed by:`,
  reachedByPoints: (points, level, threshold) =>
    threshold === undefined
      ? `${points} point(s) in all: level "${level}".`
      : `${points} point(s) in all, reaching the threshold of ${threshold} of the level "${level}".`,
  baseLevel: (level) => `No rule nor threshold raises the level: base level "${level}".`,
  instrument: 'Instrument',
  points: 'Points in all',
  submitted: 'Assessment submitted on',
  trend: 'Trend since the previous assessment',
  direction: { up: 'rising', same: 'unchanged', down: 'falling' },
  rulesHeading: 'Rules of the instrument that fired',
  rulesIntro: 'Every rule that fired, with its weight and reason; decisive rules first.',
  none: 'none',
  noneFired: 'No rule fired.',
  decisiveTag: 'decisive',
  kind: { weight: 'factor', 'red-flag': 'red flag', 'minimum-level': 'minimum level' },
  pointsShort: (points) => `${points} pt${points > 1 ? 's' : ''}`,
  atLeast: (level) => `imposes at least "${level}"`,
  unknownHeading: 'Unknown answers',
  noUnknown: 'Every question was answered.',
  unknownSummary: (count, ratio, max) =>
    `${count} answer(s) unknown or left blank (${Math.round(ratio * 100)} %` +
    (max === null ? ')' : `, incompleteness threshold: ${Math.round(max * 100)} %)`),
  incomplete: 'Incomplete assessment: the computed level may underestimate the danger.',
  unknownAnswer: { unknown: 'answered "does not know"', unanswered: 'left blank' },
  unknownTreatment: {
    not_scored: 'not counted',
    scored_as_yes: 'counted as "yes" as a precaution',
  },
  victimHeading: 'The victim and the children',
  victim: 'Victim',
  bornOn: (date) => `born on ${date}`,
  consentTgd: 'Consent to the TGD',
  consentGiven: (date, how) => `given on ${date}${how ? ` (${how})` : ''}`,
  consentRefused: (date, how) => `refused on ${date}${how ? ` (${how})` : ''}`,
  consentNone: 'not recorded',
  consentMeans: {
    in_person: 'in person',
    written: 'in writing',
    phone: 'by phone',
    other: 'other',
  },
  children: 'Children',
  noChildren: 'none',
  child: (name, age, roles) =>
    `${name ? `${name}, ` : ''}${age} year${age > 1 ? 's' : ''} old${roles.length ? `, ${roles.join(', ')}` : ''}`,
  childExposed: 'witness of the violence',
  childVictim: 'direct victim',
  authorHeading: 'The author',
  authorName: 'Name',
  unknownName: 'not recorded',
  address: 'Address',
  cohabitation: 'Cohabitation',
  cohabits: {
    yes: 'lives with the victim',
    no: 'does not live with the victim',
    unknown: 'not recorded',
  },
  weapons: 'Known weapons',
  weaponKinds: {
    firearm_declared: 'declared firearm',
    firearm_undeclared: 'undeclared firearm',
    knife: 'knife',
    other: 'other weapon',
  },
  measuresInForce: 'Judicial measures in force',
  measureTypes: {
    protection_order: 'protection order',
    contact_ban: 'contact ban',
    alternative_to_prosecution: 'alternative to prosecution',
    composition_penale: 'composition pénale',
    judicial_supervision: 'judicial supervision',
    electronic_house_arrest: 'electronically monitored house arrest',
    conviction: 'conviction',
    sentence_adjustment: 'sentence adjustment',
    safety_measure: 'safety measure',
    anti_approach_bracelet: 'anti-approach bracelet',
  },
  measureDates: (from, to) => (to ? `from ${from} to ${to}` : `since ${from}`),
  description: 'Description',
  measuresHeading: 'Recommended measures',
  legalBasisOf: (basis) => `Legal basis: ${basis}`,
  noMeasure: 'No measure recommended by the rules.',
  tgdHeading: 'Legal conditions of the TGD (article 41-3-1 of the code of criminal procedure)',
  status: { met: 'met', not_met: 'not met', unknown: 'to be established' },
  condition: {
    grave_danger: (status: string, level: string) =>
      status === 'met'
        ? `Grave danger: level "${level}".`
        : `Grave danger: the level "${level}" is below the two highest levels of the instrument.`,
    consent: (status: string) =>
      status === 'met'
        ? "The victim's express consent: recorded."
        : status === 'not_met'
          ? "The victim's express consent: she refused the device."
          : "The victim's express consent: not recorded yet.",
    no_cohabitation: (status: string) =>
      status === 'met'
        ? 'No cohabitation: victim and author do not live together.'
        : status === 'not_met'
          ? 'No cohabitation: the author lives with the victim.'
          : 'No cohabitation: not recorded.',
    contact_ban_or_imminent_danger: (status: string, bans: string[]) =>
      bans.length > 0
        ? `Contact ban in force: ${bans.join(', ')}.`
        : status === 'met'
          ? 'No contact ban yet, but the danger is at the highest level: proven and imminent danger, for the prosecutor to weigh.'
          : 'No contact ban in force, and the danger is not at the highest level.',
  } as Record<string, (status: string, arg: never) => string>,
  historyHeading: 'Previous assessments',
  noHistory: 'No previous assessment.',
  decisionHeading: "The public prosecutor's decision",
  choiceGranted: 'Grave Danger Phone granted',
  choiceRefused: 'Grave Danger Phone refused',
  choiceOther: 'Other measures ordered',
  grounds: 'Grounds:',
  parquet: 'PUBLIC PROSECUTOR AT THE JUDICIAL COURT',
  court: (jurisdiction) => `of …………………………………… (jurisdiction ${jurisdiction})`,
  decisionTitle: 'Decision on the allocation of a Grave Danger Phone',
  requestFiled: 'Request filed on',
  filedBy: 'by',
  decidedOn: 'Decided on',
  legalBasisHeading: 'Having regard to',
  legalBasisText:
    'article 41-3-1 of the French code of criminal procedure, under which the public prosecutor may, in case of grave danger threatening a victim of violence by a spouse, cohabitant or civil partner, current or former, or of rape, allocate to the victim, for six months renewable and with her express consent, a teleprotection device letting her alert the authorities;',
  assessmentSeen: (level, date) => `the danger assessment of ${date}, level in force: "${level}";`,
  consentSeen: (date) => `the victim's express consent, recorded on ${date};`,
  decides: 'DECIDES',
  granted: 'The allocation of a Grave Danger Phone is GRANTED.',
  refused: 'The allocation of a Grave Danger Phone is REFUSED.',
  reasonsHeading: 'Grounds',
  periodHeading: 'Period of the allocation',
  period: (from, to, months) =>
    `From ${from} to ${to} (${months} month${months === 1 ? '' : 's'}, renewable by decision of the public prosecutor).`,
  conditionsHeading: 'Conditions of use of the device',
  conditions: [
    'The device is handed to the victim, who expressly accepts it; she keeps it charged and with her.',
    'With her agreement, the device geolocates her when she raises the alert.',
    'Geolocation data are kept three days, at most eight on the authorisation of the public prosecutor (arrêté of 22 April 2015, art. 5).',
    'The device is returned at the end of the allocation, or earlier by decision of the public prosecutor.',
  ],
  levelInForce: 'Danger level in force',
  levelOf: (date) => `assessment of ${date}`,
  victimShort: 'Victim',
};

/** Dutch, for instruments that carry it (the EVIVICO-style grid of the Belgian networks). */
const NL: PdfStrings = {
  dateLocale: 'nl-BE',
  confidential: 'Vertrouwelijk document — persoonsgegevens',
  page: (n, total) => `Pagina ${n} / ${total}`,
  generatedOn: (when) => `Afgedrukt op ${when}`,
  caseRef: (reference) => `Dossier ${reference}`,
  at: (date, time) => `${date} om ${time}`,
  madeAt: 'Gedaan te',
  on: 'op',
  signatureAndSeal: 'Handtekening en zegel',
  prosecutor: 'De procureur / De substituut-procureur',
  nameAndRank: 'Naam en hoedanigheid:',
  reportTitle: 'Gevaarsinschatting — verslag aan de procureur',
  reportSubtitle:
    'Telefoon voor ernstig gevaar (artikel 41-3-1 van het Franse Wetboek van Strafvordering)',
  caseHeading: 'Dossier',
  reference: 'Referentie',
  jurisdiction: 'Rechtsgebied',
  coordinator: 'Coördinator',
  issued: 'Afgedrukt op',
  levelHeading: 'Weerhouden gevaarsniveau',
  decisiveGround: 'Doorslaggevende grond',
  decisiveComputed: 'Doorslaggevende grond van het door het instrument berekende niveau',
  override: 'Niveau verhoogd op grond van professioneel oordeel',
  overrideBy: (by, when) => `door ${by}, op ${when}`,
  computed: 'Door het instrument berekend niveau',
  computedWas: (level) => `door het instrument berekend niveau: ${level}`,
  forcedBy: (level) => `Het niveau „${level}” wordt opgelegd door:`,
  reachedByPoints: (points, level, threshold) =>
    threshold === undefined
      ? `In totaal ${points} punt(en): niveau „${level}”.`
      : `In totaal ${points} punt(en): de drempel van ${threshold} voor het niveau „${level}” is bereikt.`,
  baseLevel: (level) => `Geen enkele regel of drempel verhoogt het niveau: basisniveau „${level}”.`,
  instrument: 'Instrument',
  points: 'Totaal aantal punten',
  submitted: 'Inschatting ingediend op',
  trend: 'Evolutie sinds de vorige inschatting',
  direction: { up: 'stijgend', same: 'stabiel', down: 'dalend' },
  rulesHeading: 'Toegepaste regels van het instrument',
  rulesIntro:
    'Elke toegepaste regel, met zijn gewicht en zijn grond; de doorslaggevende regels eerst.',
  none: 'geen',
  noneFired: 'Geen enkele regel toegepast.',
  decisiveTag: 'doorslaggevend',
  kind: { weight: 'factor', 'red-flag': 'rode vlag', 'minimum-level': 'minimumniveau' },
  pointsShort: (points) => `${points} pt`,
  atLeast: (level) => `legt minstens „${level}” op`,
  unknownHeading: 'Onbekende antwoorden',
  noUnknown: 'Alle vragen werden beantwoord.',
  unknownSummary: (count, ratio, max) =>
    `${count} onbekend(e) of niet ingevuld(e) antwoord(en) (${Math.round(ratio * 100)} %` +
    (max === null ? ')' : `, drempel van een onvolledige inschatting: ${Math.round(max * 100)} %)`),
  incomplete: 'Onvolledige inschatting: het berekende niveau kan het gevaar onderschatten.',
  unknownAnswer: { unknown: 'beantwoord met „weet niet”', unanswered: 'niet ingevuld' },
  unknownTreatment: {
    not_scored: 'niet meegeteld',
    scored_as_yes: 'uit voorzorg als „ja” meegeteld',
  },
  victimHeading: 'Het slachtoffer en de kinderen',
  victim: 'Slachtoffer',
  bornOn: (date) => `geboren op ${date}`,
  consentTgd: 'Toestemming voor de TGD',
  consentGiven: (date, how) => `gegeven op ${date}${how ? ` (${how})` : ''}`,
  consentRefused: (date, how) => `geweigerd op ${date}${how ? ` (${how})` : ''}`,
  consentNone: 'niet verkregen',
  consentMeans: {
    in_person: 'persoonlijk',
    written: 'schriftelijk',
    phone: 'telefonisch',
    other: 'op een andere wijze',
  },
  children: 'Kinderen',
  noChildren: 'geen',
  child: (name, age, roles) =>
    `${name ? `${name}, ` : ''}${age} jaar${roles.length ? `, ${roles.join(', ')}` : ''}`,
  childExposed: 'getuige van het geweld',
  childVictim: 'rechtstreeks slachtoffer',
  authorHeading: 'De pleger',
  authorName: 'Naam',
  unknownName: 'niet ingevuld',
  address: 'Adres',
  cohabitation: 'Samenwonen',
  cohabits: {
    yes: 'woont samen met het slachtoffer',
    no: 'woont niet samen met het slachtoffer',
    unknown: 'niet ingevuld',
  },
  weapons: 'Gekende wapens',
  weaponKinds: {
    firearm_declared: 'aangegeven vuurwapen',
    firearm_undeclared: 'niet-aangegeven vuurwapen',
    knife: 'steekwapen',
    other: 'ander wapen',
  },
  measuresInForce: 'Gerechtelijke maatregelen van kracht',
  measureTypes: {
    protection_order: 'beschermingsbevel',
    contact_ban: 'contactverbod',
    alternative_to_prosecution: 'alternatief voor vervolging',
    composition_penale: 'strafrechtelijke bemiddeling (composition pénale)',
    judicial_supervision: 'gerechtelijk toezicht',
    electronic_house_arrest: 'huisarrest onder elektronisch toezicht',
    conviction: 'veroordeling',
    sentence_adjustment: 'strafaanpassing',
    safety_measure: 'veiligheidsmaatregel',
    anti_approach_bracelet: 'anti-toenaderingsenkelband',
  },
  measureDates: (from, to) => (to ? `van ${from} tot ${to}` : `sinds ${from}`),
  description: 'Signalement',
  measuresHeading: 'Aanbevolen maatregelen',
  legalBasisOf: (basis) => `Rechtsgrond: ${basis}`,
  noMeasure: 'Geen enkele maatregel aanbevolen door de regels.',
  tgdHeading:
    'Wettelijke voorwaarden van de TGD (artikel 41-3-1 van het Franse Wetboek van Strafvordering)',
  status: { met: 'vervuld', not_met: 'niet vervuld', unknown: 'vast te stellen' },
  condition: {
    grave_danger: (status: string, level: string) =>
      status === 'met'
        ? `Ernstig gevaar: niveau „${level}”.`
        : `Ernstig gevaar: het niveau „${level}” ligt onder de twee hoogste niveaus van het instrument.`,
    consent: (status: string) =>
      status === 'met'
        ? 'Uitdrukkelijke toestemming van het slachtoffer: verkregen.'
        : status === 'not_met'
          ? 'Uitdrukkelijke toestemming van het slachtoffer: zij heeft het toestel geweigerd.'
          : 'Uitdrukkelijke toestemming van het slachtoffer: nog niet in het dossier.',
    no_cohabitation: (status: string) =>
      status === 'met'
        ? 'Geen samenwoning: slachtoffer en pleger wonen niet samen.'
        : status === 'not_met'
          ? 'Geen samenwoning: de pleger woont samen met het slachtoffer.'
          : 'Geen samenwoning: niet ingevuld in het dossier.',
    contact_ban_or_imminent_danger: (status: string, bans: string[]) =>
      bans.length > 0
        ? `Contactverbod van kracht: ${bans.join(', ')}.`
        : status === 'met'
          ? 'Nog geen contactverbod, maar gevaar op het hoogste niveau: bewezen en dreigend gevaar, te beoordelen door de procureur.'
          : 'Geen contactverbod van kracht en geen gevaar op het hoogste niveau.',
  } as Record<string, (status: string, arg: never) => string>,
  historyHeading: 'Vorige inschattingen',
  noHistory: 'Geen vorige inschatting.',
  decisionHeading: 'Beslissing van de procureur',
  choiceGranted: 'Toekenning van een telefoon voor ernstig gevaar',
  choiceRefused: 'Weigering van een telefoon voor ernstig gevaar',
  choiceOther: 'Andere bevolen maatregelen',
  grounds: 'Motieven:',
  parquet: 'PARKET BIJ DE RECHTBANK',
  court: (jurisdiction) => `te …………………………………… (rechtsgebied ${jurisdiction})`,
  decisionTitle: 'Beslissing over de toekenning van een telefoon voor ernstig gevaar',
  requestFiled: 'Aanvraag ingediend op',
  filedBy: 'door',
  decidedOn: 'Beslist op',
  legalBasisHeading: 'Gelet op',
  legalBasisText:
    'artikel 41-3-1 van het Franse Wetboek van Strafvordering, dat de procureur toestaat om, bij ernstig gevaar voor een slachtoffer van geweld door de (ex-)echtgeno(o)t(e), samenwonende of geregistreerde partner, of van verkrachting, het slachtoffer voor een hernieuwbare termijn van zes maanden en met haar uitdrukkelijke toestemming een teleprotectietoestel toe te kennen waarmee zij de overheid kan alarmeren;',
  assessmentSeen: (level, date) =>
    `de gevaarsinschatting van ${date}, weerhouden gevaarsniveau: „${level}”;`,
  consentSeen: (date) => `de uitdrukkelijke toestemming van het slachtoffer, verkregen op ${date};`,
  decides: 'BESLIST',
  granted: 'De toekenning van een telefoon voor ernstig gevaar wordt TOEGESTAAN.',
  refused: 'De toekenning van een telefoon voor ernstig gevaar wordt GEWEIGERD.',
  reasonsHeading: 'Motieven',
  periodHeading: 'Duur van de toekenning',
  period: (from, to, months) =>
    `Van ${from} tot ${to} (${months} maand${months === 1 ? '' : 'en'}, hernieuwbaar bij beslissing van de procureur).`,
  conditionsHeading: 'Voorwaarden voor het gebruik van het toestel',
  conditions: [
    'Het toestel wordt overhandigd aan het slachtoffer, dat het uitdrukkelijk aanvaardt; zij houdt het opgeladen en bij zich.',
    'Met haar toestemming wordt zij gelokaliseerd op het ogenblik dat zij alarm slaat.',
    'De locatiegegevens worden drie dagen bewaard, hoogstens acht dagen met toestemming van de procureur (besluit (arrêté) van 22 april 2015, art. 5).',
    'Het toestel wordt teruggegeven aan het einde van de toekenning, of eerder bij beslissing van de procureur.',
  ],
  levelInForce: 'Geldend gevaarsniveau',
  levelOf: (date) => `inschatting van ${date}`,
  victimShort: 'Slachtoffer',
};

const TABLES: Record<string, PdfStrings> = { fr: FR, en: EN, nl: NL };

/** The strings of a language; French when the language has no table. */
export function stringsFor(language: string | null | undefined): PdfStrings {
  return TABLES[language ?? 'fr'] ?? FR;
}
