package lint

import (
	"strings"
	"sync"
)

// cueKind is what a word or phrase says about the time of the clause it
// stands in, and so about the dates that clause governs.
type cueKind uint8

const (
	cueNone    cueKind = iota
	cueFuture          // will, should, is expected, planned, intends to, have until, the deadline is
	cuePast            // was, were, had, adopted in, ran, no longer
	cueCurrent         // currently, ongoing, in force, is guided by, sets out, runs
	cueOutcome         // as planned, initially foreseen: a deadline reported as met, or replaced
	cueFormer          // previous, replaces, following, after: the plan it names is not the current one
	cueClause          // and, but, which: a new clause starts here
)

// dateLead is what the words right before a date make of it.
type dateLead uint8

const (
	leadNone  dateLead = iota
	leadSince          // since 2020: a reference, never a deadline
	leadAsOf           // as of, status at, last updated: a snapshot
	leadBy             // by, no later than: a deadline, unless the clause says otherwise
	leadUntil          // until, runs until: the end of a period
	leadRef            // the Law of <date>, the Gazette of <date>: a name
	leadFrom           // from <date> onwards: the start of a state
)

// cueLanguage is one language's words for the date rules. Every field
// lists phrases separated by "|", lower case, words separated by spaces;
// an elided word is a word of its own ("d ici" for "d'ici"). Another EU
// language is another table: the rules read all of them the same way.
type cueLanguage struct {
	name    string
	future  string // make a clause forward-looking
	past    string // make it narrate the past
	current string // present a plan or a period as the current one
	former  string // name a plan as replaced or previous
	clause  string // start a new clause
	// A future cue after these is reported as met ("as planned"), or as
	// replaced ("initially foreseen"); after a past auxiliary it is an old
	// deadline ("was expected").
	outcomeLead, oldLead, pastAux string
	since, asOf, by, until        string // the leads before a date
	// from makes a date the start of a state: "from 1 September 2026
	// onwards", "à partir du". Such a date is a promise only in the future
	// tense ("will apply from"), not under an obligation ("must comply
	// from"), which stays true once the date has passed.
	from, obligation string
	// asOfNoun heads a snapshot whose date follows a colon: "Stand der
	// Daten: 30. Juni 2025", "Status (data): …".
	asOfNoun string
	// present are the verbs by which a plan, as their subject, is
	// described as the one that applies: "The Strategy (2021-2025) sets
	// the framework"; copula are the forms of "to be" that do so before an
	// article or an adverb ("is the main policy document").
	present, copula string
	// prepositions: a plan's period after one of these is no subject ("the
	// evaluation of the plan 2019-2021 is available").
	prepositions string
	// futureEndings mark the future tense where a language inflects it
	// ("se déroulera", "ouvriront"), in words of seven letters or more;
	// notFuture are the words of other languages that end so ("cholera").
	futureEndings, notFuture string
	// infinitive marks a verb that is not the clause's tense ("to apply",
	// "zu gelten"): a current cue after it is no cue.
	infinitive string
	legal      string // nouns that name a law, a decree, a gazette, a decision
	refOf      string // the words between such a noun and its date: of, du, van, vom
	article    string // before a noun: "the plan to develop" is no promise
}

var cueLanguages = []cueLanguage{
	{
		name: "English",
		future: "will|shall|won t|ll|is going to|are going to|going to|should|could|might|must|may|" +
			"need to|needs to|has to|have to|has until|have until|intends to|intend to|intended|aims to|aim to|" +
			"plans to|plan to|planned|hopes to|hope to|expects to|expect to|expected|wants to|want to|" +
			"is to|are to|to be|is due|are due|due|set to|is set to|are set to|likely|likely to|anticipated|" +
			"projected|envisaged|envisioned|foreseen|scheduled|forecast|predicted|awaited|pending|targeted|" +
			"foresees|foresee|upcoming|forthcoming|commencing|in development|under development|in preparation|being prepared|" +
			"being drafted|being developed|being finalised|being finalized|being drawn up|not yet|yet to|still to|" +
			"deadline|the deadline|expires|ends|starts|begins|opens|closes|takes place|kicks off|" +
			"enters into force|will enter into force|enter into force|comes into force|come into force|" +
			"would|committed to|commits to|commit to|pledged to|pledges to|promised to|promises to|" +
			"undertook to|undertakes to|agreed to|agrees to",
		past: "was|were|had|been|did|went|ran|took|began|came|made|held|saw|became|grew|led|met|left|won|gave|" +
			"got|built|rose|fell|sent|spent|kept|told|found|brought|paid|lost|sold|chose|wrote|drew|underwent|" +
			"should have|could have|would have|must have|might have|no longer|not anymore",
		current: "current|currently|ongoing|now|still|in force|in place|in effect|is guided by|are guided by|" +
			"guided by|is based on|are based on|based on|is governed by|is implementing|are implementing|" +
			"is being implemented|are being implemented|is implemented|are implemented|implements|runs|" +
			"is running|are running|running|remains|remain|applies|apply|sets out|lays down|defines|outlines|" +
			"provides for|focuses on|is the national|is the current",
		former: "previous|former|preceding|earlier|old|replaces|replaced|replacing|succeeds|succeeded|" +
			"succeeding|supersedes|superseded|follows|following|followed|after|successor to",
		clause:      "and|but|while|whereas|which|who|whose|although|though|however|whilst",
		outcomeLead: "as",
		oldLead:     "initially|originally|previously|first|formerly|earlier",
		pastAux:     "was|were|had|been",
		since:       "since|ever since",
		asOf: "as of|as at|as per|status at|status as of|status on|status|situation at|situation on|" +
			"situation as of|last updated|last updated on|last updated in|last update|updated on|at the date of|" +
			"at the time of writing|at the time of drafting|at the time of the review|last reviewed|reviewed on|" +
			"last checked|last modified|last revised|last verified",
		from:       "from|as from|with effect from|effective|effective from|starting from",
		obligation: "must|shall|should|need to|needs to|has to|have to",
		asOfNoun:   "status|situation|figures|data|update",
		present: "remains|continues|sets|forms|constitutes|serves|provides|defines|covers|includes|contains|" +
			"describes|focuses|guides|governs|outlines|lays|foresees|aims|applies|runs|structures|frames|" +
			"underpins|drives|shapes|determines|specifies|establishes|prioritises|prioritizes|encompasses|" +
			"comprises|consists|addresses|envisages|identifies",
		copula:       "is|are",
		prepositions: "of|in|on|at|by|with|from|under|after|before|during|about|to",
		infinitive:   "to",
		by:           "by|by the|no later than|not later than|before",
		until:        "until|till|up to",
		legal:        "law|act|decree|directive|regulation|decision|ruling|judgment|judgement|circular|order|gazette|journal|moniteur|agreement|protocol|resolution|ordinance|notice|communication|convention|treaty|code|amendment|staatsblad",
		refOf:        "of|on|dated",
		article:      "the|a|an|its|their|this|our|his|her",
	},
	{
		name: "French",
		future: "sera|seront|serait|seraient|devrait|devraient|doit|doivent|va|vont|prévu|prévue|prévus|" +
			"prévues|envisagé|envisagée|attendu|attendue|attendus|programmé|programmée|planifié|planifiée|" +
			"en cours d élaboration|en préparation|pas encore|à venir|entrera en vigueur|entre en vigueur|" +
			"entreront en vigueur|entrent en vigueur|s engage à",
		past:          "a été|ont été|était|étaient|fut|furent|avait|avaient|ont|n est plus",
		current:       "actuellement|en vigueur|en cours|est basé sur|est basée sur|repose sur|reste|demeure",
		former:        "précédent|précédente|ancien|ancienne|remplace|remplacé|remplacée|succède|après|suite à",
		clause:        "et|mais|qui|dont|tandis|alors que|lorsque|en",
		outcomeLead:   "comme",
		oldLead:       "initialement|d abord|précédemment",
		pastAux:       "était|étaient|avait|avaient|a été|ont été",
		since:         "depuis",
		asOf:          "situation au|état au|état des lieux au|chiffres au|données au|en date du|à la date du|mis à jour le|mise à jour|dernière mise à jour|au moment de la rédaction|dernière révision|révisé le|vérifié le",
		from:          "à partir du|à partir de|dès|dès le|avec effet au",
		obligation:    "doit|doivent|devra|devront",
		asOfNoun:      "situation|état|données|chiffres",
		present:       "reste|demeure|définit|fixe|constitue|prévoit|couvre|encadre|guide|comprend",
		copula:        "est|sont",
		prepositions:  "du|des|dans|sur|avec|après|avant|pendant|par",
		futureEndings: "era|eront|ira|iront|dra|dront",
		notFuture:     "cholera|chimera|ephemera|camera|cameras|opera|operas",
		by:            "d ici|au plus tard|avant",
		until:         "jusqu au|jusqu à|jusqu en|jusque",
		legal:         "loi|décret|decret|arrêté|arrete|circulaire|ordonnance|décision|decision|règlement|reglement|directive|accord|protocole|moniteur|avis",
		refOf:         "du|de|en date du",
		article:       "le|la|les|l|un|une",
	},
	{
		name: "Dutch",
		future: "zal|zullen|wordt verwacht|worden verwacht|verwacht|gepland|voorzien|moet|moeten|hebben tot|heeft tot|" +
			"nog niet|in voorbereiding|in ontwikkeling|treedt in werking|treden in werking|treedt in voege|in werking treden",
		past:         "werd|waren|heeft|hebben|hadden|is niet meer|niet langer",
		current:      "momenteel|thans|van kracht|lopend|lopende|loopt|is gebaseerd op|blijft",
		former:       "vorige|voorgaande|vervangt|vervangen|opvolger van|na",
		clause:       "en|maar|terwijl",
		outcomeLead:  "zoals",
		oldLead:      "oorspronkelijk|aanvankelijk",
		pastAux:      "werd|was|waren|had|hadden",
		since:        "sinds",
		asOf:         "per|stand van zaken per|stand van zaken op|op datum van|bijgewerkt op|laatst bijgewerkt|laatst bijgewerkt op|op het moment van schrijven|laatst herzien|herzien op|laatst gecontroleerd",
		from:         "vanaf|met ingang van",
		obligation:   "moet|moeten",
		asOfNoun:     "stand|peildatum|cijfers|gegevens",
		present:      "blijft|vormt|bepaalt|legt|omvat|voorziet|stuurt",
		copula:       "is|zijn",
		prepositions: "van|in|op|met|na|voor|tijdens|door",
		infinitive:   "te",
		by:           "tegen|uiterlijk|voor",
		until:        "tot|tot en met",
		legal:        "wet|decreet|besluit|omzendbrief|ordonnantie|beslissing|verordening|richtlijn|akkoord|protocol|staatsblad",
		refOf:        "van",
		article:      "de|het|een",
	},
	{
		name:         "German",
		future:       "wird|soll|sollen|sollte|sollten|geplant|vorgesehen|erwartet|voraussichtlich|muss|müssen|noch nicht|in vorbereitung|in entwicklung|tritt in kraft|treten in kraft",
		past:         "wurde|wurden|war|waren|hatte|hatten|hat|haben|worden|nicht mehr",
		current:      "derzeit|aktuell|zurzeit|in kraft|laufend|laufende|läuft|gilt|beruht auf|bleibt",
		former:       "vorherige|vorherigen|bisherige|bisherigen|frühere|früheren|ersetzt|nach|nachfolger",
		clause:       "und|aber|sowie|während|welche|welcher|welches",
		outcomeLead:  "wie",
		oldLead:      "ursprünglich|zunächst",
		pastAux:      "wurde|wurden|war|waren|hatte|hatten",
		since:        "seit",
		asOf:         "stand|stand vom|zum stand|aktualisiert am|zuletzt aktualisiert|zuletzt aktualisiert am|zum zeitpunkt der erstellung|zuletzt geprüft|zuletzt überarbeitet|geprüft am",
		from:         "ab|ab dem|mit wirkung vom|mit wirkung zum",
		obligation:   "muss|müssen",
		asOfNoun:     "stand|daten|zahlen",
		present:      "bleibt|bildet|legt|definiert|umfasst|sieht|regelt|steuert",
		copula:       "ist|sind",
		prepositions: "von|vom|in|im|mit|nach|vor|während|durch|zum|zur",
		infinitive:   "zu",
		by:           "spätestens|bis spätestens|vor",
		until:        "bis|bis zum",
		legal:        "gesetz|gesetzes|verordnung|richtlinie|erlass|beschluss|entscheidung|urteil|vereinbarung|abkommen|bundesgesetzblatt",
		refOf:        "vom|von",
		article:      "der|die|das|den|dem|ein|eine",
	},
}

// phraseSet is a set of word sequences, indexed by their first word.
type phraseSet map[string][][]string

func (p phraseSet) add(list string) {
	for _, ph := range strings.Split(list, "|") {
		if w := strings.Fields(ph); len(w) > 0 {
			p[w[0]] = append(p[w[0]], w)
		}
	}
}

// longestAt returns the length in words of the longest phrase of the set
// that words start with, or 0.
func (p phraseSet) longestAt(words []string) int {
	best := 0
	for _, ph := range p[words[0]] {
		if len(ph) > best && len(ph) <= len(words) && equalWords(words[:len(ph)], ph) {
			best = len(ph)
		}
	}
	return best
}

// endsWith returns the length of the longest phrase of the set that words
// end with, or 0: leads are read backwards from a date.
func (p phraseSet) endsWith(words []string) int {
	best := 0
	for k := max(0, len(words)-maxPhrase); k < len(words); k++ {
		for _, ph := range p[words[k]] {
			if len(ph) == len(words)-k && len(ph) > best && equalWords(words[k:], ph) {
				best = len(ph)
			}
		}
	}
	return best
}

// maxPhrase bounds the length of a phrase in words, so that reading the
// words before a date takes constant time.
const maxPhrase = 5

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cueTables are every language's tables merged: a factsheet written in
// English quotes French, Dutch and German, and a phrase means the same
// wherever it stands. A word that would mean different things in two
// languages is left out of the one where it is rare (German "werden",
// which is Dutch "were"; French "a", which is English "a").
type cueTables struct {
	cues                                                      map[cueKind]phraseSet
	outcomeLead, oldLead, pastAux, article                    phraseSet
	since, asOf, by, until, legal, refOf, nounlikeCue         phraseSet
	from, obligation, asOfNoun, present, copula, prepositions phraseSet
	notFuture, infinitive                                     phraseSet
	futureEndings                                             []string
}

// dateCues are the cue tables, built on first use (or by Warm, on a spare
// core while the file is read): a command that lints nothing does not pay.
var dateCues = sync.OnceValue(func() *cueTables { return buildCueTables(cueLanguages) })

// Warm builds what the date rules need before the first file is linted;
// safe to call from another goroutine while the files are read.
func Warm() { dateCues() }

func buildCueTables(langs []cueLanguage) *cueTables {
	t := &cueTables{cues: map[cueKind]phraseSet{}}
	sets := []*phraseSet{&t.outcomeLead, &t.oldLead, &t.pastAux, &t.article, &t.since, &t.asOf, &t.by, &t.until, &t.legal, &t.refOf, &t.nounlikeCue,
		&t.from, &t.obligation, &t.asOfNoun, &t.present, &t.copula, &t.prepositions, &t.notFuture, &t.infinitive}
	for _, s := range sets {
		*s = phraseSet{}
	}
	for _, k := range []cueKind{cueFuture, cuePast, cueCurrent, cueFormer, cueClause} {
		t.cues[k] = phraseSet{}
	}
	for _, l := range langs {
		t.cues[cueFuture].add(l.future)
		t.cues[cuePast].add(l.past)
		t.cues[cueCurrent].add(l.current)
		t.cues[cueFormer].add(l.former)
		t.cues[cueClause].add(l.clause)
		t.outcomeLead.add(l.outcomeLead)
		t.oldLead.add(l.oldLead)
		t.pastAux.add(l.pastAux)
		t.article.add(l.article)
		t.since.add(l.since)
		t.asOf.add(l.asOf)
		t.by.add(l.by)
		t.until.add(l.until)
		t.legal.add(l.legal)
		t.refOf.add(l.refOf)
		t.from.add(l.from)
		t.obligation.add(l.obligation)
		t.asOfNoun.add(l.asOfNoun)
		t.present.add(l.present)
		t.copula.add(l.copula)
		t.prepositions.add(l.prepositions)
		t.notFuture.add(l.notFuture)
		t.infinitive.add(l.infinitive)
		if l.futureEndings != "" {
			t.futureEndings = append(t.futureEndings, strings.Split(l.futureEndings, "|")...)
		}
	}
	// Verbs that are also nouns: after an article they name a thing ("the
	// plan to develop national frameworks"), they promise nothing.
	t.nounlikeCue.add("plan|plans|aim|aims|hope|hopes|need|needs|intent")
	return t
}

// cueOrder is the order in which phrase sets are tried at one word when
// two would match the same length: a clause word is a clause word first.
var cueOrder = []cueKind{cueClause, cueFuture, cuePast, cueCurrent, cueFormer}
