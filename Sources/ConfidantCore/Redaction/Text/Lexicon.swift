/// The shipped vocabulary the detectors consult: the name gazetteer, the never-a-name stop-list and cue words.
///
/// Every word of the text is looked up once, by its folded hash, and the flags ride
/// on its token; the lists below are documented in docs/redaction.md.
enum Lexicon {
    static let firstName: UInt64 = 1 << 0
    static let surname: UInt64 = 1 << 1
    static let ambiguousName: UInt64 = 1 << 2
    static let neverName: UInt64 = 1 << 3
    static let title: UInt64 = 1 << 4
    static let relation: UInt64 = 1 << 5
    static let nameCue: UInt64 = 1 << 6
    static let speechVerb: UInt64 = 1 << 7
    static let streetSuffix: UInt64 = 1 << 8
    static let weakStreetSuffix: UInt64 = 1 << 9
    static let orgSuffix: UInt64 = 1 << 10
    static let orgQualifier: UInt64 = 1 << 11
    static let month: UInt64 = 1 << 12
    static let dobCue: UInt64 = 1 << 13
    static let idCue: UInt64 = 1 << 14
    static let dwellingUnit: UInt64 = 1 << 15
    static let filler: UInt64 = 1 << 16
    static let ordinalSuffix: UInt64 = 1 << 17
    static let urlScheme: UInt64 = 1 << 18
    static let topLevelDomain: UInt64 = 1 << 19
    static let commonWord: UInt64 = 1 << 20
    static let place: UInt64 = 1 << 21
    static let phoneCue: UInt64 = 1 << 22
    static let streetPrefix: UInt64 = 1 << 23
    static let postStreet: UInt64 = 1 << 24
    static let selfCue: UInt64 = 1 << 25
    static let greeting: UInt64 = 1 << 26
    static let objectVerb: UInt64 = 1 << 27
    static let peopleNoun: UInt64 = 1 << 28
    static let belonging: UInt64 = 1 << 29
    static let landmark: UInt64 = 1 << 30
    static let toVerb: UInt64 = 1 << 31
    // The small word lists of single detectors ride on the same lookup, so that a detector tests
    // a bit of the token instead of hashing into a set of its own for every word it looks at.
    static let pronoun: UInt64 = 1 << 32
    static let listVerb: UInt64 = 1 << 33
    static let listJoiner: UInt64 = 1 << 34
    static let selfIntroduction: UInt64 = 1 << 35
    static let pseudonymStem: UInt64 = 1 << 36
    static let numberWord: UInt64 = 1 << 37
    static let streetConnector: UInt64 = 1 << 38
    static let strongStreetPrefix: UInt64 = 1 << 39
    static let countryPrefix: UInt64 = 1 << 40
    static let usState: UInt64 = 1 << 41
    static let postalCue: UInt64 = 1 << 42
    static let identifierOwner: UInt64 = 1 << 43

    /// Words that are never a name on their own: weekdays, months, family and role words, pronouns,
    /// agencies and common places that identify nobody. A cue ("called May") still overrides.
    static let neverNames = """
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec
        mum mummy mam mom dad daddy nan nana nanna nan's grandad grandpa grandma granny gran grandparents
        mother father brother sister son daughter uncle aunt auntie cousin baby parent parents carer carers
        police gp dsl dsl's ddsl social worker workers care children child children's adult adults staff
        school schools teacher teachers head headteacher deputy year class form tutor court judge doctor
        nurse health visitor officer pc dc sgt camhs nhs mash lado ofsted a&e hospital council team
        service services agency referral early help family families home house flat room
        i i'm he she they we you it his her hers their them him our my your its this that these those there
        here the a an and or but if when then after before during today yesterday tomorrow later earlier
        morning afternoon evening night tonight week weekend month on in at to of for with from by about
        someone somebody anyone anybody everyone everybody nobody no one none all both each another other
        he's she's they're we're it's i've i'd i'll he'd she'd they'd
        manchester london leeds liverpool birmingham bristol sheffield salford bolton bury oldham rochdale
        stockport wigan preston lancaster york chester lincoln derby nottingham leicester coventry oxford
        cambridge bradford halifax huddersfield wakefield hull newcastle sunderland durham carlisle kendal
        blackpool blackburn burnley warrington crewe stoke reading luton bath exeter plymouth cardiff
        swansea newport glasgow edinburgh aberdeen dundee belfast derry dublin kent essex surrey sussex
        devon cornwall dorset wales england scotland ireland britain uk
        english french polish urdu arabic british german spanish italian welsh scottish irish romanian
        finnish swedish norwegian danish icelandic estonian latvian lithuanian portuguese brazilian hungarian
        somali pakistani indian bangladeshi nigerian kenyan ghanaian turkish dutch czech slovak croatian
        slovenian ukrainian russian bulgarian japanese chinese korean vietnamese filipino afghan syrian iraqi
        iranian kurdish eritrean ethiopian sudanese albanian greek european african asian american canadian
        phone mobile telephone tel email e-mail address postcode zip name surname forename
        christmas easter eid ramadan diwali halloween
        concern concerns disclosure safeguarding plan meeting strategy section conference person people member
        harm marks foster fostering kinship respite ward wards pastor imam rabbi vicar priest chaplain warden matron
        term summer autumn winter spring crown magistrates magistrates' county civil criminal appeal supreme coroner
        """

    /// Towns and counties: never a name alone, but a surname after a first name or title ("Jacob Bolton").
    static let places = """
        manchester london leeds liverpool birmingham bristol sheffield salford bolton bury oldham rochdale
        stockport wigan preston lancaster york chester lincoln derby nottingham leicester coventry oxford
        cambridge bradford halifax huddersfield wakefield hull newcastle sunderland durham carlisle kendal
        blackpool blackburn burnley warrington crewe stoke reading luton bath exeter plymouth cardiff
        swansea newport glasgow edinburgh aberdeen dundee belfast derry dublin kent essex surrey sussex
        devon cornwall dorset
        """

    /// Titles that introduce a name ("Mrs Hart", "Dr. Okafor").
    static let titles = """
        mr mrs ms miss mx dr prof sir dame pani pan herr frau sra srta sr mme mlle señor señora senhor senhora
        signor signora
        """

    /// Words before a phone number written without a trunk or country prefix ("Phone: 318 2264", "ring me on").
    static let phoneCues = """
        phone phones phoned telephone tel tlf tfn puh mobile mob cell cellphone landline fax whatsapp sms text texts
        texted texting ring rang call calls callback number numbers nr numer numero número contact reach dial
        dialled telefon telefone celular móvil handy
        """

    /// Words that begin a street's name abroad ("Rua das Flores 212", "ul. Długa 7", "3 rue de la Paix").
    static let streetPrefixes = """
        rua avenida av avda calle carrer via viale piazza piazzale corso rue chemin allée allee ulica ul aleja
        al strada str calea bulevardul bd piața piata praça praca travessa largo estrada rambla paseo plaza
        camino alameda avinguda
        """

    /// Street words written after the street's name and before the number ("Brīvības iela 12", "Váci út 3").
    static let postStreets = "iela g pr prospektas gatvė mnt maantee tänav út utca tér krt"

    /// Words after which the next word is a person's name ("Name: Haruto Sato", "Surname? Lindqvist").
    static let selfCues = "name surname forename firstname names"

    /// Greetings and sign-offs before a name ("Hi Bryony", "Regards,\nAino Mäkinen").
    static let greetings = "hi hey hiya hello dear thanks regards cheers signed love"

    /// Verbs whose capitalised object is a person ("met Aino", "texted Kacper").
    static let objectVerbs = "met saw texted visited contacted emailed messaged phoned rang asked told thanked"

    /// Verbs whose object after "to" or "with" is a person ("spoke to Marek", "went round to Aino").
    static let toVerbs = "spoke speak speaking talked talking talk spoken round went over lives living stays staying sent wrote introduced"

    /// Plural people nouns that introduce a list of names ("three friends: Nagy, Fischer and Duarte").
    static let peopleNouns = """
        friends children kids siblings brothers sisters staff members people pupils students girls boys attendees
        guests residents neighbours cousins colleagues parents officers present by are were include includes
        """

    /// What a person has: a capitalised possessive before one of these is a person ("Lindqvist's brother").
    static let belongings = """
        mum dad mother father brother sister phone flat car bag house room bedroom account boyfriend girlfriend
        partner husband wife son daughter friend friends cousin nan aunt uncle kids children baby family home
        mobile laptop number address parents
        """

    /// Places named after people: a first name before one of these is a place ("Victoria Station").
    static let landmarks = """
        station airport bridge hall tower market cathedral stadium arena museum gallery theatre theater hospital
        """

    /// Words after which a capitalised word is a person ("her brother Tyler", "Uncle Dave").
    static let relations = """
        brother sister stepbrother stepsister half-brother half-sister cousin uncle aunt auntie friend
        friends boyfriend girlfriend partner ex husband wife stepdad stepmum stepfather stepmother
        neighbour neighbours grandad grandma nan nana granny son daughter mate classmate teacher coach
        tutor carer childminder babysitter lodger
        worker officer nurse visitor doctor gp manager lead head headteacher dsl senco mentor practitioner
        keyworker therapist counsellor consultant paediatrician psychologist pc dc sergeant sgt constable
        inspector detective solicitor governor caseworker advocate idva volunteer leader
        """

    /// Words after which the next word is taken as a name whatever its case ("called tyler").
    static let nameCues = "called named nicknamed aka alias"

    /// Verbs whose capitalised subject is a person ("Tyler said").
    static let speechVerbs = """
        said says told tells asked asks reported reports disclosed discloses stated states explained
        explains shouted admitted added replied mentioned claimed alleged texted messaged spoke speaks
        rang phoned visited wrote whispered cried screamed threatened hit kicked punched pushed grabbed
        touched
        """

    /// Street words that make a capitalised phrase an address on their own ("Oakfield Road").
    static let streetSuffixes = """
        road rd street avenue ave lane ln close cl drive dr crescent cres gardens gdns terrace tce terr
        grove gr mews way place pl court ct square sq walk row rise parade pde boulevard blvd vale croft
        fold brow wynd drove heights
        """

    /// Street words that make an address only after a house number ("14 Heaton Park").
    static let weakStreetSuffixes = "park hill green view yard end gate side st"

    /// Words that end the name of a school, club or place that would identify someone.
    static let orgSuffixes = """
        school academy college nursery club fc church mosque temple gurdwara synagogue scouts guides
        brownies cubs playgroup pre-school preschool university institute surgery centre center practice
        """

    /// Words that belong inside an organisation's name but do not identify it on their own.
    static let orgQualifiers = """
        primary secondary high junior infant infants grammar youth football boxing community catholic
        rc ce methodist baptist parish sports sixth form cofe c e of the st saint
        free virtual special independent local state faith boarding hospital pupil referral unit
        breakfast homework forest holiday lunch lunchtime nurture drama art chess reading sunday day night
        health medical leisure children's family families sure start resource resources learning
        town city shopping job justice civic contact assessment treatment walk-in arts enterprise business
        retail garden visitor visitors conference training
        """

    /// Month names and their abbreviations, for dates.
    static let months = """
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec
        """

    /// Words after which a date is a date of birth.
    static let dobCues = "dob born birthday d.o.b"

    /// Words after which a number is a case reference ("ref", "crime number").
    static let idCues = "ref reference crn urn crime case id no. number"

    /// Words before a flat number in an address.
    static let dwellingUnits = "flat apartment apt unit suite ste apto lgh lok"

    /// Words skipped between a cue and its value ("DOB is", "born on the").
    static let fillers = "is was on the of in at no number its his her their"

    /// Ordinal endings on day numbers ("12th").
    static let ordinalSuffixes = "st nd rd th"

    /// Pronouns, which no title precedes in a name.
    static let pronouns = "he she they it his her their him them you i we"

    /// Verbs that introduce a list of people after a plural noun ("The children are Kalo and Mira").
    static let listVerbs = "are were include includes included"

    /// Words that join the items of a list of names ("Nagy, Fischer and Duarte").
    static let listJoiners = "and or &"

    /// Words that introduce oneself ("I'm Aino", "it's Tam").
    static let selfIntroductions = "i'm im i’m it's it’s its"

    /// The words before a pseudonym's letter ("Person A. Then…"): a letter after them is no initial.
    static let pseudonymStems = "person child adult carer member"

    /// Words between a street's name and its number abroad ("Strada Victoriei nr. 12", "Calle Mayor, nº 5").
    static let numberWords = "nr no nº n"

    /// Small words inside a street's name abroad ("Rua das Flores", "Calle de Alcalá", "Via dei Mille").
    static let streetConnectors = """
        de da do das dos del della dei di du des la le las los von van der den am an e y i d' l'
        """

    /// Street prefixes that begin a street's name even without a number after it ("Rua das Flores").
    static let strongStreetPrefixes = """
        rua avenida calle carrer ulica strada rambla praça piața aleja travessa alameda avinguda calea bulevardul
        """

    /// Country letters written before a postal code ("LT-01100", "D-10115").
    static let countryPrefixes = """
        lt lv ee pl d a ch f h i e p b nl l dk s n fin se no fi ro cz sk si hr hu bg gr pt es it de at fr be lu ie
        """

    /// US states and territories, for "Springfield, IL 62704".
    static let usStates = """
        al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok
        or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr
        """

    /// Words after which a number is a postal code whatever follows ("postcode 00120", "ZIP 62704").
    static let postalCues = "postcode zip zipcode plz cep cap"

    /// Words before a number that make it some other identifier, not a phone number ("NHS 943…", "case 0161…").
    static let identifierOwners = "nhs insurance ni account crime case police reference ref passport licence registration"

    /// The vocabulary as one table, built once on first use.
    static let table: WordTable = {
        var table = WordTable(capacity: 40_000)
        func add(_ words: String, _ flags: UInt64) {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                table.insert(WordHash.hash(String(word)), flags: flags)
            }
        }
        add(NameGazetteerData.firstNames, firstName)
        add(NameGazetteerData.surnames, surname)
        add(NameGazetteerData.commonWords, commonWord)
        add(NameGazetteerData.ambiguousNames, ambiguousName)
        add(places, place)
        add(NameGazetteerData.places, place)
        add(neverNames, neverName)
        add(titles, title)
        add(relations, relation)
        add(nameCues, nameCue)
        add(speechVerbs, speechVerb)
        add(streetSuffixes, streetSuffix)
        add(weakStreetSuffixes, weakStreetSuffix)
        add(orgSuffixes, orgSuffix)
        add(orgQualifiers, orgQualifier)
        add(months, month)
        add(dobCues, dobCue)
        add(idCues, idCue)
        add(dwellingUnits, dwellingUnit)
        add(fillers, filler)
        add(ordinalSuffixes, ordinalSuffix)
        add(phoneCues, phoneCue)
        add(streetPrefixes, streetPrefix)
        add(postStreets, postStreet)
        add(selfCues, selfCue)
        add(greetings, greeting)
        add(objectVerbs, objectVerb)
        add(toVerbs, toVerb)
        add(peopleNouns, peopleNoun)
        add(belongings, belonging)
        add(landmarks, landmark)
        add("http https www", urlScheme)
        add("uk com org net io gov info me co tv app ac sch nhs police ly", topLevelDomain)
        add(pronouns, pronoun)
        add(listVerbs, listVerb)
        add(listJoiners, listJoiner)
        add(selfIntroductions, selfIntroduction)
        add(pseudonymStems, pseudonymStem)
        add(numberWords, numberWord)
        add(streetConnectors, streetConnector)
        add(strongStreetPrefixes, strongStreetPrefix)
        add(countryPrefixes, countryPrefix)
        add(usStates, usState)
        add(postalCues, postalCue)
        add(identifierOwners, identifierOwner)
        return table
    }()
}
