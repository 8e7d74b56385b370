//! What each kind links to (its references, by relation) and the checks a single record
//! needs beyond what its types enforce.

use std::ops::Range;

use super::*;
use crate::date::PartialDate;

/// One reference written in a record.
#[derive(Debug)]
pub(crate) struct RefUse<'a> {
    pub(crate) relation: &'static Relation,
    pub(crate) target: Kind,
    pub(crate) slug: &'a At<String>,
    pub(crate) locator: Option<&'a str>,
}

/// Collects the references of one record, in the order they are written.
#[derive(Debug, Default)]
pub(crate) struct RefVisitor<'a> {
    pub(crate) uses: Vec<RefUse<'a>>,
}

impl<'a> RefVisitor<'a> {
    fn refs<K: KindMarker + 'a>(
        &mut self,
        relation: &'static Relation,
        refs: impl IntoIterator<Item = &'a Ref<K>>,
    ) {
        for r in refs {
            self.uses.push(RefUse {
                relation,
                target: K::KIND,
                slug: &r.slug,
                locator: None,
            });
        }
    }

    /// The `sources` every record may carry.
    pub(crate) fn sources(&mut self, sources: &'a [SourceRef]) {
        for s in sources {
            self.uses.push(RefUse {
                relation: &CITES,
                target: Kind::Source,
                slug: &s.source.slug,
                locator: Some(&s.locator),
            });
        }
    }
}

/// A problem found by a record's own checks, located in its TOML text.
#[derive(Debug)]
pub(crate) struct Finding {
    pub(crate) code: &'static str,
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

/// Receives the findings of a record's own checks.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    pub(crate) findings: Vec<Finding>,
}

impl Checker {
    fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        self.findings.push(Finding {
            code,
            span,
            message,
            help,
        });
    }

    /// An end date before its start date.
    fn date_order(
        &mut self,
        start: Option<&PartialDate>,
        end: Option<&At<PartialDate>>,
        what: &str,
    ) {
        if let (Some(start), Some(end)) = (start, end) {
            // Compare at the coarser precision: `2016` does not end before `2016-04`.
            if end.value < *start && !covers(&end.value, start) {
                self.error(
                    "date-order",
                    end.span.clone(),
                    format!("{what} ends ({}) before it starts ({start})", end.value),
                    Some(format!(
                        "give an end on or after {start}, or swap the two dates"
                    )),
                );
            }
        }
    }
}

/// True when the coarser date `outer` contains `inner` (2016 contains 2016-04-29).
fn covers(outer: &PartialDate, inner: &PartialDate) -> bool {
    let (o, i) = (outer.to_string(), inner.to_string());
    i.starts_with(&o)
}

/// Citation of a source, in `sources` or inline in a body.
pub(crate) static CITES: Relation = Relation {
    field: "sources",
    label: "Sources",
    inverse: "Cited by",
};
/// A `[text](@section/slug)` link in a body.
pub(crate) static MENTIONS: Relation = Relation {
    field: "body",
    label: "Mentions",
    inverse: "Mentioned in",
};

macro_rules! relations {
    ($($name:ident = $field:literal, $label:literal, $inverse:literal;)+) => {
        $(static $name: Relation = Relation { field: $field, label: $label, inverse: $inverse };)+
    };
}

relations! {
    DOC_ISSUERS = "issuers", "Issued by", "Documents issued";
    DOC_ENDORSERS = "endorsers", "Endorsed by", "Documents endorsed";
    DOC_PHASE = "phase", "Phase", "Documents";
    DOC_IMPLEMENTS = "implements", "Implements", "Implemented by";
    DOC_PLACES = "places", "Places", "Documents";
    PHASE_MARKED_BY = "marked_by", "Marked by", "Marks a phase";
    PROJECT_IMPLEMENTERS = "implementers", "Implementers", "Implements";
    PROJECT_PARTNERS = "partners", "Partners", "Partner in";
    PROJECT_PLATFORM = "platform", "Platform", "Projects";
    PROJECT_COUNTRIES = "countries", "Countries", "Projects";
    PROJECT_PLACES = "places", "Places", "Projects located here";
    PROJECT_PHASE = "phase", "Phase", "Projects";
    PROJECT_FIELD = "business_field", "Business field", "Projects";
    TASK_PLATFORM = "platform", "Platform", "Work tasks";
    TASK_DOCUMENT = "document", "Listed in", "Work tasks";
    ORG_COUNTRY = "country", "Country", "Organizations";
    ORG_BASED_IN = "based_in", "Based in", "Organizations based here";
    ORG_PARENT = "parent", "Part of", "Units";
    ORG_SHAREHOLDERS = "shareholders", "Shareholders", "Owns shares in";
    PLACE_COUNTRY = "country", "Country", "Places";
    PLACE_WITHIN = "within", "Within", "Places within";
    FORUM_PLACE = "place", "Place", "Forums held here";
    FORUM_ORGANIZERS = "organizers", "Organizers", "Organizes";
    FORUM_DELEGATES = "delegates", "Delegates", "Forums attended";
    FORUM_ENTERPRISES = "enterprises", "Enterprises", "Forums attended";
    FORUM_DOCUMENTS = "documents", "Documents released", "Released at";
    PERSON_COUNTRY = "country", "Country", "People";
    PERSON_ROLES = "roles", "Positions", "People";
    FIELD_ORGANIZATION = "organization", "Company", "Business fields";
    MECHANISM_COUNTRIES = "countries", "Countries", "Engagement mechanisms";
    MECHANISM_PLACES = "places", "Places", "Engagement mechanisms";
    EVENT_PHASE = "phase", "Phase", "Events";
    EVENT_COUNTRIES = "countries", "Countries", "Events";
    EVENT_PLACES = "places", "Places", "Events";
    EVENT_ORGANIZATIONS = "organizations", "Organizations", "Events";
    EVENT_PEOPLE = "people", "People", "Events";
    EVENT_DOCUMENTS = "documents", "Documents", "Events";
    EVENT_PROJECTS = "projects", "Projects", "Events";
    EVENT_FORUMS = "forums", "Forums", "Events";
    INDICATOR_PLACE = "place", "Place", "Indicators";
    INDICATOR_ORGANIZATION = "organization", "Organization", "Indicators";
}

// Each impl destructures its struct without `..`, so adding a field is a compile error
// here until someone decides whether it links anywhere or needs a check.

impl Document {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            date: _,
            status: _,
            issuers,
            issuer_label: _,
            endorsers,
            period_start: _,
            period_end: _,
            phase,
            implements,
            places,
            table_row: _,
        } = self;
        v.refs(&DOC_ISSUERS, issuers);
        v.refs(&DOC_ENDORSERS, endorsers);
        v.refs(&DOC_PHASE, phase);
        v.refs(&DOC_IMPLEMENTS, implements);
        v.refs(&DOC_PLACES, places);
    }

    pub(crate) fn check(&self, c: &mut Checker) {
        c.date_order(
            self.period_start.as_ref(),
            self.period_end.as_ref(),
            "the planning period",
        );
    }
}

impl Phase {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            number: _,
            start: _,
            end: _,
            marked_by,
        } = self;
        v.refs(&PHASE_MARKED_BY, marked_by);
    }

    pub(crate) fn check(&self, c: &mut Checker) {
        c.date_order(Some(&self.start), self.end.as_ref(), "the phase");
    }
}

impl Platform {
    pub(crate) fn visit_refs<'a>(&'a self, _: &mut RefVisitor<'a>) {
        let Self {
            number: _,
            project_count: _,
        } = self;
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Project {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            implementers,
            implementer_label: _,
            partners,
            platform,
            status: _,
            countries,
            places,
            phase,
            business_field,
            start: _,
            end: _,
            table_row: _,
        } = self;
        v.refs(&PROJECT_IMPLEMENTERS, implementers);
        v.refs(&PROJECT_PARTNERS, partners);
        v.refs(&PROJECT_PLATFORM, platform);
        v.refs(&PROJECT_COUNTRIES, countries);
        v.refs(&PROJECT_PLACES, places);
        v.refs(&PROJECT_PHASE, phase);
        v.refs(&PROJECT_FIELD, business_field);
    }

    pub(crate) fn check(&self, c: &mut Checker) {
        c.date_order(self.start.as_ref(), self.end.as_ref(), "the project");
    }
}

impl Task {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            number: _,
            platform,
            document,
        } = self;
        v.refs(&TASK_PLATFORM, [platform]);
        v.refs(&TASK_DOCUMENT, [document]);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Country {
    pub(crate) fn visit_refs<'a>(&'a self, _: &mut RefVisitor<'a>) {
        let Self {
            iso_code: _,
            asean_member: _,
        } = self;
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Organization {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            category: _,
            country,
            based_in,
            parent,
            role: _,
            founded: _,
            website: _,
            shareholders,
        } = self;
        v.refs(&ORG_COUNTRY, country);
        v.refs(&ORG_BASED_IN, based_in);
        v.refs(&ORG_PARENT, parent);
        v.refs(&ORG_SHAREHOLDERS, shareholders.iter().map(|s| &s.holder));
    }

    pub(crate) fn check(&self, c: &mut Checker) {
        let mut total = 0.0;
        for holding in &self.shareholders {
            total += holding.percent.value.0;
            if total > 100.0 + 1e-9 {
                c.error(
                    "out-of-range",
                    holding.percent.span.clone(),
                    format!("shareholdings add up to {total}%, more than 100%"),
                    Some("check each holder's percentage against the source".into()),
                );
                break;
            }
        }
    }
}

impl Place {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            category: _,
            lat: _,
            lon: _,
            country,
            within,
            layout_roles: _,
            ring: _,
            area_km2: _,
            investment_billion_yuan: _,
        } = self;
        v.refs(&PLACE_COUNTRY, [country]);
        v.refs(&PLACE_WITHIN, within);
    }

    pub(crate) fn check(&self, c: &mut Checker) {
        if let Some(ring) = self.ring.as_ref().filter(|r| !(1..=5).contains(&r.value)) {
            c.error(
                "out-of-range",
                ring.span.clone(),
                format!(
                    "ring {} does not exist: the concentric structure has rings 1 to 5",
                    ring.value
                ),
                Some(
                    "1 CAIH Co., 2 CNCB, 3 Nanning, 4 the axis cities, 5 the rest of Guangxi"
                        .into(),
                ),
            );
        }
    }
}

impl Forum {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            edition: _,
            date: _,
            caexpo_edition: _,
            theme: _,
            participants: _,
            participants_label: _,
            place,
            organizers,
            delegates,
            enterprises,
            more_enterprises: _,
            outcomes: _,
            documents,
        } = self;
        v.refs(&FORUM_PLACE, place);
        v.refs(&FORUM_ORGANIZERS, organizers);
        v.refs(&FORUM_DELEGATES, delegates.iter().map(|d| &d.person));
        v.refs(&FORUM_ENTERPRISES, enterprises);
        v.refs(&FORUM_DOCUMENTS, documents);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Person {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self { country, roles } = self;
        v.refs(&PERSON_COUNTRY, [country]);
        v.refs(
            &PERSON_ROLES,
            roles.iter().filter_map(|r| r.organization.as_ref()),
        );
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl BusinessField {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            pinyin: _,
            purpose: _,
            areas: _,
            products: _,
            organization,
            table_row: _,
        } = self;
        v.refs(&FIELD_ORGANIZATION, [organization]);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Mechanism {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            level: _,
            year: _,
            year_label: _,
            countries,
            places,
            table_row: _,
        } = self;
        v.refs(&MECHANISM_COUNTRIES, countries);
        v.refs(&MECHANISM_PLACES, places);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Event {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            date: _,
            phase,
            countries,
            places,
            organizations,
            people,
            documents,
            projects,
            forums,
        } = self;
        v.refs(&EVENT_PHASE, phase);
        v.refs(&EVENT_COUNTRIES, countries);
        v.refs(&EVENT_PLACES, places);
        v.refs(&EVENT_ORGANIZATIONS, organizations);
        v.refs(&EVENT_PEOPLE, people);
        v.refs(&EVENT_DOCUMENTS, documents);
        v.refs(&EVENT_PROJECTS, projects);
        v.refs(&EVENT_FORUMS, forums);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Indicator {
    pub(crate) fn visit_refs<'a>(&'a self, v: &mut RefVisitor<'a>) {
        let Self {
            unit: _,
            alt_unit: _,
            place,
            organization,
            observations: _,
        } = self;
        v.refs(&INDICATOR_PLACE, place);
        v.refs(&INDICATOR_ORGANIZATION, organization);
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

impl Source {
    pub(crate) fn visit_refs<'a>(&'a self, _: &mut RefVisitor<'a>) {
        let Self {
            category: _,
            authors: _,
            cite_as: _,
            date: _,
            translated_title: _,
            container: _,
            volume: _,
            publisher: _,
            publisher_place: _,
            url: _,
        } = self;
    }

    pub(crate) fn check(&self, _: &mut Checker) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_end_inside_fine_start_is_not_reversed() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(covers(&d("2016"), &d("2016-04")));
        assert!(!covers(&d("2015"), &d("2016-04")));
    }
}
