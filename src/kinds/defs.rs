//! The fifteen kinds of record, field by field. The docs on each field are what editors see
//! in `portolan new` skeletons and in the JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    At, CountryCode, Latitude, Longitude, NonNegative, Percent, Ref, WebUrl, define_kinds,
};
use crate::date::PartialDate;

/// Whether a document has been issued or is still being drafted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentStatus {
    /// Issued, approved or released.
    #[default]
    Issued,
    /// Announced as being prepared.
    UnderPlanning,
}

/// Where a project stands, in the source's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    /// Built and in use.
    Completed,
    /// Being built.
    InProgress,
    /// At an early stage of development.
    EarlyDevelopment,
    /// Running as a service.
    Operational,
    /// Under discussion with a partner.
    InTalks,
    /// Planned, not yet started.
    Planned,
}

/// What sort of body an organization is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OrganizationCategory {
    /// A national, regional or city government.
    Government,
    /// A ministry, commission, bureau or office of a government.
    GovernmentAgency,
    /// A body of a ruling party.
    PartyBody,
    /// A company owned or controlled by the state.
    StateOwnedEnterprise,
    /// A private or listed company.
    Company,
    /// A university.
    University,
    /// A research institute or think tank.
    ResearchInstitute,
    /// An alliance or association of members.
    Alliance,
    /// A recurring forum or expo treated as an organizer.
    Forum,
    /// The body running an industrial park or development zone.
    IndustrialPark,
    /// Anything else.
    Other,
}

/// What sort of place a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceCategory {
    /// A province or autonomous region.
    Region,
    /// A city.
    City,
    /// A district or new area of a city.
    District,
    /// A zone planned for an industry, or a part of one.
    Zone,
    /// An industrial park.
    IndustrialPark,
    /// A port.
    Port,
    /// A single site or building.
    Facility,
}

/// A place's part in the CAIH spatial layout "one base, one center, one axis, two attachments".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LayoutRole {
    /// The one base.
    Base,
    /// The one center.
    Center,
    /// A city on the information axis.
    Axis,
    /// One of the two supporting attachments.
    Attachment,
}

/// The reach of an engagement mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EngagementLevel {
    /// All ASEAN members.
    Multilateral,
    /// A sub-region.
    Regional,
    /// One country.
    Bilateral,
}

/// What sort of work a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceCategory {
    /// A research or policy report.
    Report,
    /// A book.
    Book,
    /// An article in a journal or magazine.
    JournalArticle,
    /// A news or analysis article online.
    Article,
    /// A doctoral or master's thesis.
    Thesis,
    /// A speech.
    Speech,
    /// A web page.
    WebPage,
    /// An interview.
    Interview,
}

/// A shareholder of a company and its stake.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shareholding {
    /// The organization holding the shares.
    pub holder: Ref<Organization>,
    /// Share of the company, in percent.
    pub percent: At<Percent>,
    /// Capital subscribed, in million yuan.
    pub capital_million_yuan: Option<NonNegative>,
}

/// An official at a forum, with the position as the source prints it for that forum.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delegate {
    /// The person.
    pub person: Ref<Person>,
    /// Their position at the time, as printed: "Director of CAC".
    pub role: String,
}

/// A position a person held.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The position: "Minister of Post and Telecommunications".
    pub position: String,
    /// The organization it was held in.
    pub organization: Option<Ref<Organization>>,
    /// When the source places the person in this role.
    pub date: Option<PartialDate>,
}

/// One value of an indicator.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The date or year the value refers to.
    pub date: Option<PartialDate>,
    /// What the value counts, for categorical series: "Completed and operational".
    pub label: Option<String>,
    /// The value in the indicator's unit.
    pub value: f64,
    /// The same value in the indicator's second unit (e.g. billion USD), when the source gives it.
    pub alt_value: Option<f64>,
    /// The wording of the source when it qualifies the number: "over a thousand".
    pub as_printed: Option<String>,
}

define_kinds! {
    /// A policy document: a plan, strategy, action plan or white paper.
    Document / RawDocument = ("document", "documents", "Document", "Documents") {
        /// Year, month or day of issue or approval.
        #[schemars(example = &"2016-06")]
        date: Option<PartialDate>,
        /// `issued` or `under-planning`.
        #[serde(default)]
        status: DocumentStatus,
        /// Organizations that issued the document.
        #[serde(default)]
        #[schemars(example = ["guangxi-government"])]
        issuers: Vec<Ref<Organization>>,
        /// The issuing body exactly as the source's table prints it: "Guangxi and Central government".
        issuer_label: Option<String>,
        /// Organizations that approved, endorsed or reissued it.
        #[serde(default)]
        endorsers: Vec<Ref<Organization>>,
        /// First year the document plans for.
        #[schemars(example = 2019)]
        period_start: Option<PartialDate>,
        /// Last year the document plans for.
        #[schemars(example = 2021)]
        period_end: Option<At<PartialDate>>,
        /// The CAIH phase it belongs to.
        #[schemars(example = &"foundation")]
        phase: Option<Ref<Phase>>,
        /// Documents this one implements or follows from.
        #[serde(default)]
        implements: Vec<Ref<Document>>,
        /// Places the document is about.
        #[serde(default)]
        places: Vec<Ref<Place>>,
        /// Row number in the source's table of documents (Table 3).
        table_row: Option<u32>,
    }

    /// A phase of CAIH's development.
    Phase / RawPhase = ("phase", "phases", "Phase", "Phases") {
        /// Order of the phase, from 1.
        #[schemars(example = 2)]
        number: At<u32>,
        /// First month of the phase.
        #[schemars(example = &"2016-04")]
        start: PartialDate,
        /// Last month of the phase; leave out while it continues.
        #[schemars(example = &"2019-02")]
        end: Option<At<PartialDate>>,
        /// Events that mark the phase's beginning.
        #[serde(default)]
        marked_by: Vec<Ref<Event>>,
    }

    /// One of the five platforms that organize CAIH projects.
    Platform / RawPlatform = ("platform", "platforms", "Platform", "Platforms") {
        /// Order of the platform, from 1.
        #[schemars(example = 1)]
        number: At<u32>,
        /// Projects filed under this platform.
        #[schemars(example = 14)]
        project_count: Option<u32>,
    }

    /// A project carried out under, or counted as part of, CAIH.
    Project / RawProject = ("project", "projects", "Project", "Projects") {
        /// Organizations carrying out the project.
        #[serde(default)]
        #[schemars(example = ["china-unicom", "caih-co"])]
        implementers: Vec<Ref<Organization>>,
        /// The implementer as the source prints it when it names no organization: "Various bodies".
        implementer_label: Option<String>,
        /// Partner organizations, often abroad.
        #[serde(default)]
        partners: Vec<Ref<Organization>>,
        /// The platform the project belongs to.
        #[schemars(example = &"infrastructure")]
        platform: Option<Ref<Platform>>,
        /// Where it stands.
        #[schemars(example = &"in-progress")]
        status: Option<ProjectStatus>,
        /// Countries the project is in or serves.
        #[serde(default)]
        #[schemars(example = ["laos"])]
        countries: Vec<Ref<Country>>,
        /// Places where it is located.
        #[serde(default)]
        #[schemars(example = ["nanning"])]
        places: Vec<Ref<Place>>,
        /// CAIH phase it belongs to.
        phase: Option<Ref<Phase>>,
        /// CAIH Co. business field it belongs to.
        business_field: Option<Ref<BusinessField>>,
        /// When it started.
        #[schemars(example = 2019)]
        start: Option<PartialDate>,
        /// When it was completed or ended.
        end: Option<At<PartialDate>>,
        /// Row number in the source's table of projects (Table 5).
        table_row: Option<u32>,
    }

    /// A work task of the Implementation Plan for CAIH (2019-2021).
    Task / RawTask = ("task", "tasks", "Work task", "Work tasks") {
        /// The task's number in the plan, 1 to 62.
        #[schemars(example = 1)]
        number: At<u32>,
        /// The platform the task is listed under.
        #[schemars(example = &"infrastructure")]
        platform: Ref<Platform>,
        /// The plan that lists the task.
        #[schemars(example = &"implementation-plan-2019-2021")]
        document: Ref<Document>,
    }

    /// A country.
    Country / RawCountry = ("country", "countries", "Country", "Countries") {
        /// ISO 3166-1 alpha-2 code.
        #[schemars(example = &"LA")]
        iso_code: CountryCode,
        /// Whether it is a member of ASEAN.
        #[serde(default)]
        asean_member: bool,
    }

    /// A government body, company, university, alliance or other organization.
    Organization / RawOrganization = ("organization", "organizations", "Organization", "Organizations") {
        /// What sort of organization it is.
        #[schemars(example = &"state-owned-enterprise")]
        category: OrganizationCategory,
        /// Country it belongs to.
        #[schemars(example = &"china")]
        country: Option<Ref<Country>>,
        /// Place where it is based.
        #[schemars(example = &"nanning")]
        based_in: Option<Ref<Place>>,
        /// The organization it is part of.
        parent: Option<Ref<Organization>>,
        /// Its role in CAIH, in a few words.
        role: Option<String>,
        /// When it was founded or set up.
        founded: Option<PartialDate>,
        /// Its web site.
        website: Option<WebUrl>,
        /// Its shareholders and their stakes (Table 4 for CAIH Co.).
        #[serde(default)]
        shareholders: Vec<Shareholding>,
    }

    /// A province, city, district, zone or site, with coordinates.
    Place / RawPlace = ("place", "places", "Place", "Places") {
        /// What sort of place it is.
        #[schemars(example = &"city")]
        category: PlaceCategory,
        /// Degrees north.
        #[schemars(example = 22.82)]
        lat: Latitude,
        /// Degrees east.
        #[schemars(example = 108.32)]
        lon: Longitude,
        /// The country it is in.
        #[schemars(example = &"china")]
        country: Ref<Country>,
        /// The larger place it lies within.
        #[schemars(example = &"guangxi")]
        within: Option<Ref<Place>>,
        /// Its part in "one base, one center, one axis, two attachments".
        #[serde(default)]
        #[schemars(example = ["axis"])]
        layout_roles: Vec<LayoutRole>,
        /// Ring in CAIH's concentric structure: 1 CAIH Co., 2 CNCB, 3 Nanning, 4 the axis cities, 5 the rest of Guangxi.
        ring: Option<At<u32>>,
        /// Land area in square kilometres.
        #[schemars(example = 35.92)]
        area_km2: Option<NonNegative>,
        /// Estimated total investment, in billion yuan.
        investment_billion_yuan: Option<NonNegative>,
    }

    /// A China-ASEAN Information Harbor Forum.
    Forum / RawForum = ("forum", "forums", "Forum", "Forums") {
        /// Which forum in the series: 1 for the first.
        #[schemars(example = 1)]
        edition: At<u32>,
        /// When it was held.
        #[schemars(example = 2015)]
        date: PartialDate,
        /// The China-ASEAN Expo edition it was held at.
        #[schemars(example = 12)]
        caexpo_edition: Option<u32>,
        /// The forum's theme, as printed.
        theme: Option<String>,
        /// Number of participants.
        #[schemars(example = 283)]
        participants: Option<u32>,
        /// The participant figure as printed when it is qualified: "2000 plus".
        participants_label: Option<String>,
        /// Where it was held.
        place: Option<Ref<Place>>,
        /// Organizations that organized it.
        #[serde(default)]
        organizers: Vec<Ref<Organization>>,
        /// Officials who attended, with their positions at the time.
        #[serde(default)]
        #[schemars(example = [serde_json::json!({"person": "lu-wei", "role": "Director of CAC"})])]
        delegates: Vec<Delegate>,
        /// Enterprises that took part.
        #[serde(default)]
        enterprises: Vec<Ref<Organization>>,
        /// True when the source says other enterprises also took part ("Others").
        #[serde(default)]
        more_enterprises: bool,
        /// Sessions, sub-forums and other outcomes, one per entry.
        #[serde(default)]
        outcomes: Vec<String>,
        /// Documents released at the forum.
        #[serde(default)]
        documents: Vec<Ref<Document>>,
    }

    /// A person, usually an official.
    Person / RawPerson = ("person", "people", "Person", "People") {
        /// The country the person serves.
        #[schemars(example = &"laos")]
        country: Ref<Country>,
        /// Positions the person held.
        #[serde(default)]
        roles: Vec<Role>,
    }

    /// One of CAIH Co.'s business fields.
    BusinessField / RawBusinessField = ("business-field", "business-fields", "Business field", "Business fields") {
        /// The Chinese term in pinyin.
        #[schemars(example = &"shuzi chanye")]
        pinyin: Option<String>,
        /// What the field is for, in a few words.
        purpose: Option<String>,
        /// Areas the field covers.
        #[serde(default)]
        areas: Vec<String>,
        /// Example products.
        #[serde(default)]
        products: Vec<String>,
        /// The company whose field this is.
        #[schemars(example = &"caih-co")]
        organization: Ref<Organization>,
        /// Row number in the source's table of business fields (Table 7).
        table_row: Option<u32>,
    }

    /// A platform or mechanism of Guangxi's engagement with ASEAN.
    Mechanism / RawMechanism = ("mechanism", "mechanisms", "Mechanism", "Mechanisms") {
        /// Multilateral, regional or bilateral.
        level: EngagementLevel,
        /// The year the source gives.
        #[schemars(example = 2004)]
        year: PartialDate,
        /// The year column as printed when it says more than a year: "Joining in 2005".
        year_label: Option<String>,
        /// Countries taking part, besides China.
        #[serde(default)]
        countries: Vec<Ref<Country>>,
        /// Places it is located in.
        #[serde(default)]
        places: Vec<Ref<Place>>,
        /// Row number in the source's table of mechanisms (Table 2).
        table_row: Option<u32>,
    }

    /// Something that happened on a known date.
    Event / RawEvent = ("event", "events", "Event", "Events") {
        /// When it happened, as precisely as the source says.
        #[schemars(example = &"2016-04-29")]
        date: PartialDate,
        /// The phase it falls in.
        phase: Option<Ref<Phase>>,
        /// Countries involved.
        #[serde(default)]
        countries: Vec<Ref<Country>>,
        /// Places where it happened.
        #[serde(default)]
        places: Vec<Ref<Place>>,
        /// Organizations that acted.
        #[serde(default)]
        organizations: Vec<Ref<Organization>>,
        /// People who acted.
        #[serde(default)]
        people: Vec<Ref<Person>>,
        /// Documents issued, approved or named.
        #[serde(default)]
        documents: Vec<Ref<Document>>,
        /// Projects concerned.
        #[serde(default)]
        projects: Vec<Ref<Project>>,
        /// Forums concerned.
        #[serde(default)]
        forums: Vec<Ref<Forum>>,
    }

    /// A measured quantity and its values over time or by category.
    Indicator / RawIndicator = ("indicator", "indicators", "Indicator", "Indicators") {
        /// Unit of `value`.
        #[schemars(example = &"billion yuan")]
        unit: String,
        /// Unit of `alt_value`, when the source gives a second one.
        #[schemars(example = &"billion USD")]
        alt_unit: Option<String>,
        /// The place the indicator measures.
        #[schemars(example = &"guangxi")]
        place: Option<Ref<Place>>,
        /// The organization the indicator measures.
        organization: Option<Ref<Organization>>,
        /// The values.
        #[schemars(example = [serde_json::json!({"date": 2016, "value": 409.9, "alt_value": 63.6})])]
        observations: Vec<Observation>,
    }

    /// A work cited by the atlas: the report and the works it draws on.
    Source / RawSource = ("source", "sources", "Source", "Sources") {
        /// What sort of work it is.
        #[schemars(example = &"report")]
        category: SourceCategory,
        /// Authors, as printed.
        #[serde(default)]
        #[schemars(example = ["Ngeow Chow-Bing"])]
        authors: Vec<String>,
        /// Short form for inline citations, without the year: "Ngeow".
        #[schemars(example = &"Ngeow")]
        cite_as: Option<String>,
        /// Date of publication.
        #[schemars(example = &"2021-08")]
        date: Option<PartialDate>,
        /// English translation of a title in another language.
        translated_title: Option<String>,
        /// The journal, magazine, site or series it appeared in.
        container: Option<String>,
        /// Volume or issue.
        volume: Option<String>,
        /// Publisher.
        publisher: Option<String>,
        /// Place of publication.
        publisher_place: Option<String>,
        /// Where to read it.
        url: Option<WebUrl>,
    }
}
