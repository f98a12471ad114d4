use stateguard::typestate;

#[typestate(flat(tag = "id"))]
pub mod job {
    #[machine]
    pub struct Job {
        id: u64,
    }

    #[states]
    pub enum JobState {
        #[initial]
        #[to(fail => Failed)]
        Running,
        #[terminal]
        Failed { reason: String },
    }
}

#[typestate(flat(tag = "reason"))]
pub mod task {
    #[machine]
    pub struct Task;

    #[states]
    pub enum TaskState {
        #[initial]
        #[to(fail => Failed)]
        Running,
        #[terminal]
        Failed { reason: String },
    }
}

#[typestate(flat(tag = "not an identifier"))]
pub mod step {
    #[machine]
    pub struct Step;

    #[states]
    pub enum StepState {
        #[initial]
        #[to(finish => Done)]
        Running,
        #[terminal]
        Done,
    }
}

fn main() {}
