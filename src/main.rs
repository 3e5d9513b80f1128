fn main() {
    println!("pivot");
}
