import Testing

@testable import ConfidantCore

/// Ordinary safeguarding prose with no one in it: the words professionals need must survive.
struct OrdinaryProseTests {
    static let prose = [
        """
        At break time the pupil came to the office upset. She said that at home last night there was shouting and Mum's new partner threw a plate. She said she did not want to go home tonight. I explained that I could not keep this a secret and would need to speak to the Designated Safeguarding Lead. Safeguarding Lead informed at 11.20am. The Head Teacher was made aware. Referral made to Children's Services via the Front Door at 2.15pm. Strategy discussion held on Thursday 14 March with Greater Manchester Police and the Local Authority. Outcome: Section 47 enquiries to start. Early Help Coordinator to attend the Team Around the Child meeting in April. The School Nurse will see her weekly. Attendance is 87% this term. She wants to stay with Nan over Easter. Class Teacher reports that she has been tired and hungry on Mondays. Free School Meals in place. Pastoral Lead to check in daily. Mental Health Support Team referral considered. She enjoys Art and PE. Next review on 28/03/2025 at 3.30pm in Room 4. Following advice from the NSPCC helpline and Childline, the DSL updated the chronology. The Virtual School was contacted. Police Community Support Officer visited. Health Visitor involved with the baby. The Family Support Worker from Barnardo's offered sessions at the Sure Start centre. Year 9 assembly on Online Safety. The Designated Teacher for Looked After Children is aware. She was seen at Piccadilly Gardens on Saturday. The bus to Stockport was late. Will the Independent Reviewing Officer attend? Today she seemed happier. Overall progress is good. However, concerns remain. North West Ambulance Service attended. Court hearing at Manchester Civil Justice Centre on Monday. Ofsted inspection next week. The Local Safeguarding Children Partnership procedures were followed. She listens to Taylor Swift and watches Peppa Pig with her brother. Christmas was difficult. Her favourite lesson is English and she speaks Polish at home.
        """,
        """
        Concern raised by Reception staff. Jo from the Attendance Team phoned home. The Pupil Premium lead, SENCO and Deputy Head met. Mum said Dad has moved to Wales. She was collected by Grandad. They go to Church on Sundays. The Mosque youth leader is supportive. Parent Carer Forum invited. The Youth Offending Team and Probation are involved. Domestic Abuse Champion consulted. IDVA allocated after MARAC. Operation Encompass notification received at 8.45am. Looked After Review in June. Care Plan updated. He plays for the Under 12s on Saturday mornings and goes to Cubs. Bus pass stolen at Manchester Piccadilly station. Message sent on Facebook and Snapchat. WhatsApp group removed. Xbox Live account reported. Red Cross food parcel. Sainsbury's voucher given. Universal Credit delayed. Citizens Advice appointment booked. Housing Officer visited. Fire Service home safety check. Blue Badge applied. Arrived from Syria in 2022 and speaks Arabic and Kurdish. Jehovah's Witness family. Anna Freud Centre resources shared. Google Classroom login issues. The Headteacher and Chair of Governors were told.
        """,
    ]

    @Test(arguments: [
        "Mum's new partner", "Designated Safeguarding Lead", "Children's Services", "Thursday 14 March",
        "Greater Manchester Police", "Section 47", "Free School Meals", "NSPCC", "Easter", "Year 9", "Stockport",
        "28/03/2025 at 3.30pm", "North West Ambulance Service", "English", "Polish", "Christmas", "Nan",
        "The Head Teacher", "Health Visitor", "Room 4", "87%",
    ])
    func wordsProfessionalsNeedStay(_ phrase: String) {
        let text = Self.prose[0]
        #expect(Redactor().redact(text).text.contains(phrase))
    }

    @Test(arguments: [
        "Reception staff", "Attendance Team", "SENCO and Deputy Head", "Dad has moved to Wales", "Grandad", "Church on Sundays",
        "Operation Encompass", "8.45am", "Looked After Review in June", "Under 12s", "Manchester Piccadilly", "Facebook",
        "Universal Credit", "Syria in 2022", "Arabic and Kurdish", "Chair of Governors",
    ])
    func agencyAndEverydayWordsStay(_ phrase: String) {
        #expect(Redactor().redact(Self.prose[1]).text.contains(phrase))
    }

    @Test func fewSpansInProseWithoutIdentifiers() {
        // Known over-redactions, documented in docs/redaction.md: "Piccadilly Gardens" (a street-like
        // place), "Taylor Swift" (a real name), "Jo" (a staff member's name), "Forum", "Anna Freud Centre".
        let spans = Self.prose.map { Redactor().redact($0).spans.count }.reduce(0, +)
        #expect(spans <= 5)
    }
}
