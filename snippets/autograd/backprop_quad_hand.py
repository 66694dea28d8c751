x, y = 2.0, 3.0
w2, w1, b = 0.5, -1.0, 0.25

y_hat = w2 * x**2 + w1 * x + b
r = y_hat - y
loss = r**2
print("y_hat =", y_hat, " r =", r, " loss =", loss)

g = 2 * r  # (1)!
print("dl/dw2 =", g * x**2, " dl/dw1 =", g * x, " dl/db =", g)
