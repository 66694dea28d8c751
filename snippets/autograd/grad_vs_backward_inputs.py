import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
y = x * w  # a non-leaf
z = y**2

z.backward(inputs=[y], retain_graph=True)  # (1)!
print("inputs=[y]:", " y.grad =", y.grad, " x.grad =", x.grad, " w.grad =", w.grad)
z.backward(inputs=[w])  # (2)!
print("inputs=[w]:", " w.grad =", w.grad, " x.grad =", x.grad)
