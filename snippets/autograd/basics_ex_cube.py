import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = (x**3).mean()
out.backward()
print(x.grad)
print(x.detach() ** 2)  # the closed form: d/dx_i mean(x^3) = x_i^2
