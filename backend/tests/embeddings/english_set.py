"""A small English retrieval set written for the tests: passages and questions about them."""

from __future__ import annotations

PASSAGES = [
    "Photosynthesis converts light energy into chemical energy stored in glucose. It takes place in the chloroplasts of plant cells, which contain the green pigment chlorophyll.",
    "The French Revolution began in 1789 with the storming of the Bastille, a royal fortress and prison in Paris, and ended the absolute monarchy of Louis XVI.",
    "Newton's second law states that the force acting on a body equals its mass multiplied by its acceleration, usually written as F = ma.",
    "The mitochondrion is known as the powerhouse of the cell because it produces most of the cell's supply of adenosine triphosphate through cellular respiration.",
    "The Amazon rainforest covers much of the Amazon basin in South America and is home to an estimated 390 billion individual trees of about 16,000 species.",
    "A prime number is a natural number greater than one that has no positive divisors other than one and itself; two is the only even prime.",
    "The water cycle describes how water evaporates from the surface, condenses into clouds, and returns to the ground as precipitation such as rain or snow.",
    "Shakespeare wrote Hamlet around 1600; the play follows the Danish prince Hamlet as he seeks revenge against his uncle Claudius for murdering his father.",
    "Plate tectonics explains that the Earth's lithosphere is divided into large plates that move slowly over the asthenosphere, causing earthquakes and volcanoes at their boundaries.",
    "In economics, inflation is the rate at which the general level of prices for goods and services rises, eroding the purchasing power of money.",
    "The Pythagorean theorem states that in a right triangle the square of the hypotenuse equals the sum of the squares of the other two sides.",
    "DNA is a double helix made of two strands of nucleotides; the bases adenine, thymine, guanine and cytosine pair as A with T and G with C.",
    "The Industrial Revolution started in Britain in the late eighteenth century, when steam engines and mechanised textile mills transformed manufacturing.",
    "Sound travels as a longitudinal wave and moves faster in solids than in gases; in dry air at 20 degrees Celsius its speed is about 343 metres per second.",
    "A democracy is a system of government in which power is vested in the people, who rule either directly or through freely elected representatives.",
    "The periodic table arranges chemical elements by increasing atomic number, so elements in the same column share similar chemical properties.",
]

QUESTIONS = [
    ("Where in the plant cell does photosynthesis happen?", 0),
    ("When did the French Revolution start?", 1),
    ("What does Newton's second law say about force?", 2),
    ("Which organelle produces most of the cell's energy?", 3),
    ("How many tree species live in the Amazon?", 4),
    ("What is the only even prime number?", 5),
    ("How does water return to the ground?", 6),
    ("Who did Hamlet want revenge against?", 7),
    ("What causes earthquakes at plate boundaries?", 8),
    ("What does inflation do to the value of money?", 9),
    ("What is the relation between the sides of a right triangle?", 10),
    ("Which DNA bases pair with each other?", 11),
    ("Where did the Industrial Revolution begin?", 12),
    ("How fast is sound in air?", 13),
    ("Who holds power in a democracy?", 14),
    ("How are elements ordered in the periodic table?", 15),
    ("What pigment makes leaves green?", 0),
    ("Which prison was stormed in Paris in 1789?", 1),
    ("What is the formula F = ma about?", 2),
    ("What process in mitochondria makes ATP?", 3),
]
